namespace S3Exchange;

/// <summary>
/// Canonical Huffman codes as deflate sends them (RFC 1951, 3.2.2): code lengths from symbol
/// frequencies, no longer than a limit, and from the lengths alone the codes, bit-reversed
/// because deflate packs bits from the least significant end while Huffman codes are read from
/// their most significant bit.
/// </summary>
internal static class HuffmanCode
{
    /// <summary>
    /// Sets <paramref name="lengths"/>[s] to the code length of each symbol s whose frequency is
    /// positive (0 for the rest), none above <paramref name="maxLength"/>, making a complete code.
    /// </summary>
    /// <remarks>
    /// Fewer than two used symbols still get two codes of length 1 (a second symbol, unused, is
    /// added), because zlib's inflate refuses an incomplete code-length code; zlib's deflate does
    /// the same. A code longer than the limit is rebuilt from halved frequencies until it fits:
    /// at worst every frequency becomes 1 and the code is balanced, ⌈log2 n⌉ ≤ the limit.
    /// </remarks>
    /// <param name="frequencies">How often each symbol occurs; the span's length is the alphabet's size (at most 320).</param>
    /// <param name="lengths">Receives the code lengths; as long as <paramref name="frequencies"/>.</param>
    /// <param name="maxLength">The longest code allowed: 15 for literals, 7 for the code-length code.</param>
    public static void BuildLengths(ReadOnlySpan<int> frequencies, Span<byte> lengths, int maxLength)
    {
        var alphabet = frequencies.Length;
        Span<int> weights = stackalloc int[alphabet];
        frequencies.CopyTo(weights);
        var used = 0;
        foreach (var weight in weights)
        {
            used += weight > 0 ? 1 : 0;
        }

        for (var symbol = 0; used < 2 && symbol < alphabet; symbol++)
        {
            if (weights[symbol] == 0)
            {
                weights[symbol] = 1;
                used++;
            }
        }

        while (!TryBuildLengths(weights, lengths, maxLength))
        {
            for (var symbol = 0; symbol < alphabet; symbol++)
            {
                if (weights[symbol] > 0)
                {
                    weights[symbol] = Math.Max(1, weights[symbol] >> 1);
                }
            }
        }
    }

    /// <summary>
    /// Sets <paramref name="codes"/>[s] to the canonical code of each symbol with a positive
    /// length, bit-reversed so that writing its <paramref name="lengths"/>[s] low bits in deflate's
    /// order sends the code's first bit first.
    /// </summary>
    public static void BuildCodes(ReadOnlySpan<byte> lengths, Span<ushort> codes)
    {
        const int MaxBits = 15;
        Span<int> lengthCounts = stackalloc int[MaxBits + 1];
        foreach (var length in lengths)
        {
            lengthCounts[length]++;
        }

        lengthCounts[0] = 0;
        Span<int> nextCode = stackalloc int[MaxBits + 1];
        var code = 0;
        for (var bits = 1; bits <= MaxBits; bits++)
        {
            code = (code + lengthCounts[bits - 1]) << 1;
            nextCode[bits] = code;
        }

        for (var symbol = 0; symbol < lengths.Length; symbol++)
        {
            var length = lengths[symbol];
            codes[symbol] = length == 0 ? (ushort)0 : Reverse(nextCode[length]++, length);
        }
    }

    // Huffman's construction with two queues: leaves sorted by weight, and the internal nodes,
    // which are made in order of non-decreasing weight. Ties go to the lower symbol and to leaves
    // first, so the lengths depend only on the weights. False when a code is longer than allowed.
    private static bool TryBuildLengths(ReadOnlySpan<int> weights, Span<byte> lengths, int maxLength)
    {
        Span<int> leaves = stackalloc int[weights.Length];
        var count = 0;
        for (var symbol = 0; symbol < weights.Length; symbol++)
        {
            if (weights[symbol] > 0)
            {
                leaves[count++] = symbol;
            }
        }

        leaves = leaves[..count];
        Span<long> sortKeys = stackalloc long[count];
        for (var i = 0; i < count; i++)
        {
            sortKeys[i] = ((long)weights[leaves[i]] << 16) | (uint)leaves[i];
        }

        sortKeys.Sort();
        for (var i = 0; i < count; i++)
        {
            leaves[i] = (int)(sortKeys[i] & 0xFFFF);
        }

        // Nodes 0..count-1 are the sorted leaves, count..2·count-2 the internal nodes, the last the root.
        var nodes = (2 * count) - 1;
        Span<long> nodeWeight = stackalloc long[nodes];
        Span<int> parent = stackalloc int[nodes];
        for (var i = 0; i < count; i++)
        {
            nodeWeight[i] = weights[leaves[i]];
        }

        int nextLeaf = 0, nextInternal = count;
        for (var made = count; made < nodes; made++)
        {
            var first = TakeLightest(nodeWeight, ref nextLeaf, count, ref nextInternal, made);
            var second = TakeLightest(nodeWeight, ref nextLeaf, count, ref nextInternal, made);
            nodeWeight[made] = nodeWeight[first] + nodeWeight[second];
            parent[first] = made;
            parent[second] = made;
        }

        Span<byte> depth = stackalloc byte[nodes];
        depth[nodes - 1] = 0;
        for (var node = nodes - 2; node >= 0; node--)
        {
            depth[node] = (byte)(depth[parent[node]] + 1);
            if (depth[node] > maxLength)
            {
                return false;
            }
        }

        lengths.Clear();
        for (var i = 0; i < count; i++)
        {
            lengths[leaves[i]] = depth[i];
        }

        return true;
    }

    private static int TakeLightest(ReadOnlySpan<long> nodeWeight, ref int nextLeaf, int leafCount, ref int nextInternal, int made)
    {
        var leafLeft = nextLeaf < leafCount;
        var internalLeft = nextInternal < made;
        if (leafLeft && (!internalLeft || nodeWeight[nextLeaf] <= nodeWeight[nextInternal]))
        {
            return nextLeaf++;
        }

        return nextInternal++;
    }

    private static ushort Reverse(int code, int length)
    {
        var reversed = 0;
        for (var i = 0; i < length; i++)
        {
            reversed = (reversed << 1) | (code & 1);
            code >>= 1;
        }

        return (ushort)reversed;
    }
}
