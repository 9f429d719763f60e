// Loaded by bin/jshell: the imports a jgrad session needs.
import jgrad.*;
import jgrad.micro.*;
import java.util.*;
System.out.println("jgrad ready: try  var x = Tensor.randn(2, 3).requiresGrad(true);");
