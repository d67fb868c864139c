namespace S3Exchange;

/// <summary>How a <see cref="DeflatedBlock"/> codes its input, chosen from a sample of it.</summary>
internal enum BlockCoding
{
    /// <summary>Stored deflate blocks: the input as it is, for data that does not shrink by 1/16.</summary>
    Stored,

    /// <summary>Huffman codes alone, no search for matches: for data whose matches would buy under 1/16 more (1/64 at levels 6–9).</summary>
    EntropyOnly,

    /// <summary>Deflated at the caller's level: matches and Huffman codes.</summary>
    Matched,
}
