package exercises.unit07;

import java.util.List;
import jgrad.Tensor;
import jgrad.nn.functional.F;

/** Reference solution of task 4 (see {@code src/} for the task description). */
public final class Block {
    private Block() {
    }

    public static Tensor forward(Tensor x, Results.BlockWeights weights, int heads) {
        int batch = x.size(0), length = x.size(1), width = x.size(2), headDim = width / heads;
        int[] lastDim = {width};

        Tensor normed = F.layerNorm(x, lastDim, weights.norm1Weight(), weights.norm1Bias(), 1e-5);
        List<Tensor> qkv = F.linear(normed, weights.inProjWeight(), weights.inProjBias()).split(width, 2);   // 3 × (B, T, C)
        Tensor[] perHead = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            perHead[i] = qkv.get(i).reshape(batch, length, heads, headDim).transpose(1, 2);                 // (B, H, T, D)
        }
        Tensor scores = perHead[0].matmul(perHead[1].transpose(-2, -1)).mul(1 / Math.sqrt(headDim))
                .maskedFill(jgrad.nn.functional.Attention.causalMask(length, length), Double.NEGATIVE_INFINITY); // (B, H, T, T)
        Tensor attended = scores.softmax(-1).matmul(perHead[2]).transpose(1, 2).reshape(batch, length, width);  // (B, T, C)
        x = x.add(F.linear(attended, weights.outProjWeight(), weights.outProjBias()));

        normed = F.layerNorm(x, lastDim, weights.norm2Weight(), weights.norm2Bias(), 1e-5);
        Tensor hidden = F.gelu(F.linear(normed, weights.linear1Weight(), weights.linear1Bias()));
        return x.add(F.linear(hidden, weights.linear2Weight(), weights.linear2Bias()));
    }
}
