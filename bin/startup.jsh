// Loaded by bin/jshell: the imports a jgrad session needs.
import jgrad.*;
import jgrad.micro.*;
import java.util.*;
System.out.println("jgrad ready. JShell shortens long results; println(x) shows a whole tensor.");
