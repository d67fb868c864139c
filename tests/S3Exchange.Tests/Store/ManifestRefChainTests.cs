using Amazon.S3.Model;
using S3Exchange.Testing;

namespace S3Exchange.Tests.Store;

/// <summary>
/// Manifests that reference manifests that reference manifests…: resolved in order, one
/// response open at a time whatever the depth, manifests set aside at a reference read on where
/// they stopped.
/// </summary>
[Collection("S3")]
public sealed class ManifestRefChainTests(S3ServerFixture server)
{
    // Set aside at a reference, this many manifests stay open; deeper ones are read on later
    // with a ranged GET.
    private const int HeldOpen = ManifestReader.HeldOpenLimit;

    [Fact]
    public async Task A_chain_of_thousands_of_references_resolves_in_order_with_one_response_open_at_a_time()
    {
        const int Length = 2000;
        var store = server.CreateStore();
        var keys = Enumerable.Range(0, Length).Select(i => store.ResolveKey($"chain/m{i:00000}.jsonl")).ToList();
        await PutAllAsync(Enumerable.Range(0, Length).Select(i => (keys[i], i + 1 < Length ? $"{File($"f{i}")}\n{Ref(keys[i + 1])}\n" : $"{File($"f{i}")}\n")));
        var responses = new ResponseStreamLog(store);

        var entries = await store.ReadManifestEntriesAsync("chain/m00000.jsonl").ToListAsync();

        Assert.Equal(Enumerable.Range(0, Length).Select(i => $"f{i}"), entries.Cast<FileEntry>().Select(f => f.Key));
        Assert.Equal((Length, 1), (responses.Responses, responses.MaxOpen));
    }

    [Fact]
    public async Task Entries_after_a_reference_come_after_the_referenced_entries_when_the_manifest_is_read_on()
    {
        // m0 … m12, each: blank and CRLF lines, a{i}, a reference to the next (m12: back to m0
        // and to itself, which are skipped), then b{i}: alone in even manifests (a small rest,
        // kept in memory), with more than 1 KiB of entries after it in odd ones. Of those, m1–m7
        // stay open while their references are read; m9 and m11 are closed and read on by a
        // ranged GET from after the reference line.
        const int Levels = (2 * HeldOpen) + 5;
        var store = server.CreateStore();
        var keys = Enumerable.Range(0, Levels).Select(i => store.ResolveKey($"nested/m{i}.jsonl")).ToList();
        string[] Rest(int i) => i % 2 == 0 ? [$"b{i}"] : [$"b{i}", .. Padding(i)];
        await PutAllAsync(Enumerable.Range(0, Levels).Select(i =>
            (keys[i], $"\n{File($"a{i}")}\r\n\n{(i + 1 < Levels ? Ref(keys[i + 1]) : Ref(keys[0]) + "\n" + Ref(keys[i]))}\n  \n{Lines(Rest(i))}")));
        var requests = new RequestLog(store);
        var responses = new ResponseStreamLog(store);

        var entries = await store.ReadManifestEntriesAsync("nested/m0.jsonl").ToListAsync();

        var expected = Enumerable.Range(0, Levels).Select(i => $"a{i}").Concat(Enumerable.Range(0, Levels).Reverse().SelectMany(Rest));
        Assert.Equal(expected, entries.Cast<FileEntry>().Select(f => f.Key));
        var closed = Enumerable.Range(0, Levels - 1).Where(i => i % 2 == 1).Skip(HeldOpen).Reverse().Select(i => keys[i]);
        Assert.Equal(closed, requests.Gets.Where(g => g.ByteRange is not null).Select(g => g.Key));
        Assert.Equal(Levels + 2, requests.Gets.Count);
        Assert.Equal(HeldOpen + 1, responses.MaxOpen);

        // Each manifest is reported once, before its entries, resumed or not.
        var listed = await store.ListManifestKeysAsync("nested/m0.jsonl").ToListAsync();
        Assert.Equal(keys, listed.Take(Levels));
    }

    [Theory]
    [InlineData(false, 5)]
    [InlineData(true, 45)]
    public async Task A_line_read_on_after_a_reference_keeps_its_line_number(bool longRest, int badLine)
    {
        // m0–m3 stay open while their references are read; m4 is read on from memory (a short
        // rest) or with a ranged GET (a long one).
        const int Levels = HeldOpen + 2;
        var store = server.CreateStore();
        var keys = Enumerable.Range(0, Levels).Select(i => store.ResolveKey($"bad/m{i}.jsonl")).ToList();
        var rest = (longRest ? Lines(Padding(0)) : string.Empty) + "\n{\"kind\":\"file\",\"id\":\"no key\"}\n";
        await PutAllAsync(Enumerable.Range(0, Levels).Select(i => (keys[i], i switch
        {
            HeldOpen => $"{File("a")}\r\n\n{Ref(keys[i + 1])}\n{rest}",
            < HeldOpen => $"{Ref(keys[i + 1])}\n{Lines(Padding(i))}",
            _ => File("last"),
        })));
        var requests = new RequestLog(store);

        var seen = new List<string>();
        var ex = await Assert.ThrowsAsync<InvalidManifestException>(async () =>
        {
            await foreach (var entry in store.ReadManifestEntriesAsync("bad/m0.jsonl"))
            {
                seen.Add(((FileEntry)entry).Key);
            }
        });

        Assert.Equal((keys[HeldOpen], badLine), (ex.ManifestKey, ex.LineNumber));
        Assert.Equal(["a", "last", .. longRest ? Padding(0) : []], seen);
        Assert.Equal(longRest ? 1 : 0, requests.Gets.Count(g => g.ByteRange is not null));
    }

    [Fact]
    public async Task A_chain_deeper_than_the_limit_fails_naming_its_start()
    {
        var store = server.CreateStore(new S3ExchangeStoreOptions { MaxManifestDepth = 3 });
        var keys = Enumerable.Range(0, 6).Select(i => store.ResolveKey($"deep/m{i}.jsonl")).ToList();
        await PutAllAsync(Enumerable.Range(0, 6).Select(i => (keys[i], i + 1 < 6 ? $"{File($"f{i}")}\n{Ref(keys[i + 1])}\n" : File($"f{i}"))));

        // m3 is 3 deep below m2: allowed. m2 → … → m5 is too, and m0's chain is not.
        Assert.Equal(4, (await store.ReadManifestEntriesAsync("deep/m2.jsonl").ToListAsync()).Count);
        var ex = await Assert.ThrowsAsync<ManifestDepthExceededException>(async () => await store.ReadManifestEntriesAsync("deep/m0.jsonl").ToListAsync());
        Assert.Equal((keys[0], 3, keys[4]), (ex.RootKey, ex.MaxDepth, ex.ReferencedKey));
        Assert.Contains($"'{keys[0]}'", ex.Message);
        Assert.Contains("S3ExchangeStoreOptions.MaxManifestDepth", ex.Message);

        // Without resolving, references are entries like any other.
        Assert.Equal(2, (await store.ReadManifestEntriesAsync("deep/m0.jsonl", resolveRefs: false).ToListAsync()).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => server.CreateStore(new S3ExchangeStoreOptions { MaxManifestDepth = 0 }));
    }

    [Fact]
    public async Task A_manifest_rewritten_while_it_is_set_aside_is_a_changed_manifest_error()
    {
        const int Levels = HeldOpen + 2;
        var store = server.CreateStore();
        var keys = Enumerable.Range(0, Levels).Select(i => store.ResolveKey($"changed/m{i}.jsonl")).ToList();
        await PutAllAsync(Enumerable.Range(0, Levels).Select(i => (keys[i], i + 1 < Levels ? $"{File($"a{i}")}\n{Ref(keys[i + 1])}\n{Lines(Padding(i))}" : File($"a{i}"))));

        // The last manifest's entry is read while m{HeldOpen} waits, closed, after its reference.
        var seen = new List<string>();
        var ex = await Assert.ThrowsAsync<ManifestChangedException>(async () =>
        {
            await foreach (var entry in store.ReadManifestEntriesAsync("changed/m0.jsonl"))
            {
                seen.Add(((FileEntry)entry).Key);
                if (seen[^1] == $"a{Levels - 1}")
                {
                    await PutAllAsync([(keys[HeldOpen], $"{File("rewritten")}\n")]);
                }
            }
        });

        Assert.Equal(keys[HeldOpen], ex.ManifestKey);
        Assert.Contains($"'{keys[HeldOpen]}'", ex.Message);
        Assert.Equal(Enumerable.Range(0, Levels).Select(i => $"a{i}"), seen);
    }

    private static string File(string key) => $"{{\"kind\":\"file\",\"key\":\"{key}\"}}";

    private static string Ref(string key) => $"{{\"kind\":\"manifest_ref\",\"key\":\"{key}\"}}";

    // File entries, one a line.
    private static string Lines(IEnumerable<string> keys) => string.Concat(keys.Select(k => File(k) + "\n"));

    // 40 keys for the entries after a reference: more than 1 KiB of lines, which is not kept in
    // memory while the reference is read.
    private static string[] Padding(int level) => [.. Enumerable.Range(0, 40).Select(j => $"p{level}-{j:00}")];

    private Task PutAllAsync(IEnumerable<(string Key, string Content)> objects) =>
        Parallel.ForEachAsync(objects, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (o, token) =>
            await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = server.Bucket, Key = o.Key, ContentBody = o.Content }, token));
}
