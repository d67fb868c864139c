using System.Text;
using Amazon.S3.Model;
using S3Exchange.Testing;

namespace S3Exchange.Tests.Store;

[Collection("S3")]
public sealed class ManifestTests(S3ServerFixture server)
{
    private const string Root = "training/123/samples/manifest.jsonl";

    [Fact]
    public async Task Overwrite_replaces_the_manifest_with_compact_ndjson()
    {
        var store = server.CreateStore();
        await store.WriteManifestAsync(Root, [new FileEntry("old")]);
        await store.WriteManifestAsync(Root, [new FileEntry("a") { Id = "001" }, new FileEntry("b") { Id = "002" }]);

        var (text, contentType) = await RawAsync(store, Root);
        Assert.Equal("{\"kind\":\"file\",\"key\":\"a\",\"id\":\"001\"}\n{\"kind\":\"file\",\"key\":\"b\",\"id\":\"002\"}\n", text);
        Assert.Equal("application/x-ndjson", contentType);
    }

    [Fact]
    public async Task Append_parts_writes_a_part_and_references_it_from_the_root()
    {
        var store = server.CreateStore();
        await store.WriteManifestAsync(Root, [new FileEntry("a")]);
        await store.WriteManifestAsync(Root, [new FileEntry("b"), new FileEntry("c")], ManifestWriteMode.AppendParts);
        await store.WriteManifestAsync(Root, [new FileEntry("d")], ManifestWriteMode.AppendParts);

        var unresolved = await store.ReadManifestEntriesAsync(Root, resolveRefs: false).ToListAsync();
        Assert.Equal([ManifestEntryKind.File, ManifestEntryKind.ManifestRef, ManifestEntryKind.ManifestRef], unresolved.Select(e => e.Kind));
        var partKey = ((ManifestRefEntry)unresolved[1]).Key;
        Assert.Matches(@"/training/123/samples/manifests/part-\d{8}-\d{6}-[0-9a-f]{8}\.jsonl$", partKey);

        var resolved = await store.ReadManifestEntriesAsync(Root).ToListAsync();
        Assert.Equal(["a", "b", "c", "d"], resolved.Cast<FileEntry>().Select(f => f.Key));
        Assert.Equal(["a", "b"], (await store.ReadManifestEntriesAsync(Root, limit: 2).ToListAsync()).Cast<FileEntry>().Select(f => f.Key));
    }

    [Fact]
    public async Task Append_parts_to_a_missing_root_creates_it()
    {
        var store = server.CreateStore();
        await store.WriteManifestAsync("m.jsonl", [new FileEntry("x")], ManifestWriteMode.AppendParts);
        var root = await store.ReadManifestEntriesAsync("m.jsonl", resolveRefs: false).ToListAsync();
        Assert.StartsWith(store.ResolveKey("manifests/part-"), Assert.IsType<ManifestRefEntry>(Assert.Single(root)).Key);
    }

    [Fact]
    public async Task Append_keeps_the_previous_root_byte_for_byte()
    {
        var store = server.CreateStore();
        const string previous = "{\"kind\":\"file\",\"key\":\"a\",\"x_writer\":\"go\",\"meta\":{\"z\":1,\"a\":2}}";
        await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = server.Bucket, Key = store.ResolveKey(Root), ContentBody = previous });

        await store.WriteManifestAsync(Root, [new FileEntry("b")], ManifestWriteMode.AppendParts);

        var (text, _) = await RawAsync(store, Root);
        Assert.StartsWith(previous + "\n{\"kind\":\"manifest_ref\",\"key\":", text);
    }

    [Fact]
    public async Task Reference_cycles_end()
    {
        var store = server.CreateStore();
        var a = store.ResolveKey("a.jsonl");
        var b = store.ResolveKey("b.jsonl");
        await store.WriteManifestAsync("a.jsonl", [new FileEntry("1"), new ManifestRefEntry(b)]);
        await store.WriteManifestAsync("b.jsonl", [new FileEntry("2"), new ManifestRefEntry(a), new ManifestRefEntry(b)]);

        var keys = (await store.ReadManifestEntriesAsync("a.jsonl").ToListAsync()).Cast<FileEntry>().Select(f => f.Key);
        Assert.Equal(["1", "2"], keys);
    }

    [Fact]
    public async Task A_missing_manifest_or_part_is_named()
    {
        var store = server.CreateStore();
        var ex = await Assert.ThrowsAsync<ManifestNotFoundException>(async () => await store.ReadManifestEntriesAsync("none.jsonl").ToListAsync());
        Assert.Equal(store.ResolveKey("none.jsonl"), ex.Key);

        var gone = store.ResolveKey("gone.jsonl");
        await store.WriteManifestAsync("root.jsonl", [new ManifestRefEntry(gone)]);
        var partEx = await Assert.ThrowsAsync<ManifestNotFoundException>(async () => await store.ReadManifestEntriesAsync("root.jsonl").ToListAsync());
        Assert.Equal(gone, partEx.Key);
    }

    [Fact]
    public async Task An_invalid_stored_manifest_names_its_key_and_line()
    {
        var store = server.CreateStore();
        var key = store.ResolveKey("bad.jsonl");
        await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = server.Bucket, Key = key, ContentBody = "{\"kind\":\"file\",\"key\":\"a\"}\n\n{\"kind\":\"file\",\"id\":\"no key\"}\n" });

        var ex = await Assert.ThrowsAsync<InvalidManifestException>(async () => await store.ReadManifestEntriesAsync("bad.jsonl").ToListAsync());
        Assert.Equal((key, 3), (ex.ManifestKey, ex.LineNumber));
    }

    [Fact]
    public async Task A_null_entry_is_refused_before_anything_is_written()
    {
        var store = server.CreateStore();
        await store.WriteManifestAsync(Root, [new FileEntry("a")]);

        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteManifestAsync(Root, [new FileEntry("b"), null!], ManifestWriteMode.AppendParts));
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteManifestAsync(Root, [null!]));

        Assert.Equal(["a"], (await store.ReadManifestEntriesAsync(Root).ToListAsync()).Cast<FileEntry>().Select(f => f.Key));
        Assert.Empty(await store.ListKeysAsync("training/123/samples/manifests/").ToListAsync());
    }

    [Fact]
    public async Task The_server_enforces_the_conditions_appends_rely_on()
    {
        var store = server.CreateStore();
        var storage = new ObjectStorage(server.Client, server.Bucket, compatibleEndpoint: true);
        var key = store.ResolveKey("cond.jsonl");

        var created = await storage.TryPutConditionalAsync(key, "1\n"u8.ToArray(), "text/plain", null, bareETag: false, CancellationToken.None);
        var recreated = await storage.TryPutConditionalAsync(key, "2\n"u8.ToArray(), "text/plain", null, bareETag: false, CancellationToken.None);
        var staleQuoted = await storage.TryPutConditionalAsync(key, "3\n"u8.ToArray(), "text/plain", "0123456789abcdef0123456789abcdef", bareETag: false, CancellationToken.None);
        var staleBare = await storage.TryPutConditionalAsync(key, "3\n"u8.ToArray(), "text/plain", "0123456789abcdef0123456789abcdef", bareETag: true, CancellationToken.None);
        var matchedQuoted = await storage.TryPutConditionalAsync(key, "4\n"u8.ToArray(), "text/plain", created.ETag, bareETag: false, CancellationToken.None);
        var current = matchedQuoted.Outcome == ConditionalPutOutcome.Written ? matchedQuoted.ETag : created.ETag;
        var matchedBare = await storage.TryPutConditionalAsync(key, "5\n"u8.ToArray(), "text/plain", current, bareETag: true, CancellationToken.None);

        Assert.Equal(ConditionalPutOutcome.Written, created.Outcome);
        Assert.Equal(ConditionalPutOutcome.PreconditionFailed, recreated.Outcome);
        Assert.Equal(ConditionalPutOutcome.PreconditionFailed, staleQuoted.Outcome);
        Assert.Equal(ConditionalPutOutcome.PreconditionFailed, staleBare.Outcome);

        // AWS documents the quoted form; RGW 16 compares If-Match with the bare ETag only.
        var quotedHonoured = server.Kind switch
        {
            S3ServerKind.Moto => true,
            S3ServerKind.CephRgw => false,
            _ => matchedQuoted.Outcome == ConditionalPutOutcome.Written,
        };
        Assert.Equal(quotedHonoured ? ConditionalPutOutcome.Written : ConditionalPutOutcome.PreconditionFailed, matchedQuoted.Outcome);
        if (server.Kind != S3ServerKind.Other)
        {
            Assert.Equal(ConditionalPutOutcome.Written, matchedBare.Outcome);
        }

        Assert.True(quotedHonoured || matchedBare.Outcome == ConditionalPutOutcome.Written, "The server honours If-Match in neither spelling.");
    }

    [Fact]
    public async Task A_store_learns_the_ETag_spelling_its_server_matches_and_keeps_conditional_writes()
    {
        var store = server.CreateStore();
        // An S3-compatible endpoint: a 200 to If-Match is not proof, appends are read back.
        Assert.True(store.ConditionalWrites is { UsesConditionalWrites: true, SendsBareETags: false, VerifiesAfterWrite: true }, store.ConditionalWrites.ToString());
        Assert.Contains("compare-and-swap", store.ConditionalWrites.Detected);

        await store.WriteManifestAsync(Root, [new FileEntry("a")], ManifestWriteMode.AppendParts);
        await store.WriteManifestAsync(Root, [new FileEntry("b")], ManifestWriteMode.AppendParts);
        await store.WriteManifestAsync(Root, [new FileEntry("c")], ManifestWriteMode.AppendParts);

        var status = store.ConditionalWrites;
        Assert.True(status.UsesConditionalWrites);
        if (server.Kind != S3ServerKind.Other)
        {
            Assert.Equal(server.Kind == S3ServerKind.CephRgw, status.SendsBareETags);
        }

        Assert.True(status.VerifiesAfterWrite);

        if (status.SendsBareETags)
        {
            Assert.Contains("bare ETag", status.Detected);
            Assert.Contains(store.ResolveKey("training/123/samples/manifests/part-"), status.Detected);
        }
        else
        {
            Assert.Contains("compare-and-swap", status.Detected);
        }

        Assert.Equal(["a", "b", "c"], (await store.ReadManifestEntriesAsync(Root).ToListAsync()).Cast<FileEntry>().Select(f => f.Key));
        Assert.Equal(3, (await store.ListKeysAsync("training/123/samples/manifests/").ToListAsync()).Count);
    }

    [Fact]
    public async Task Zero_or_negative_limits_are_refused()
    {
        var store = server.CreateStore();
        Assert.Throws<ArgumentOutOfRangeException>(() => store.ReadManifestEntriesAsync(Root, limit: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.ReadObjectsAsync(Root, new ReadObjectsOptions { Limit = -1 }));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Manifest_files_list_loose_objects_and_filter_by_prefix()
    {
        var store = server.CreateStore();
        var a = await store.PutObjectAsync("training/123/samples/0001.wav", new byte[] { 1 });
        var b = await store.PutObjectAsync("training/123/samples/0002.wav", new byte[] { 2 });
        var c = await store.PutObjectAsync("training/123/samples/1000.wav", new byte[] { 3 });
        await store.WriteManifestAsync(Root, [a, b]);
        await store.WriteManifestAsync(Root, [c], ManifestWriteMode.AppendParts);

        var listed = await store.ListManifestFilesAsync(Root).ToListAsync();
        var filtered = await store.ListByManifestPrefixAsync(Root, "training/123/samples/000").ToListAsync();
        var keys = await store.ListManifestKeysAsync(Root).ToListAsync();

        Assert.Equal([a.Key, b.Key, c.Key], listed.Select(f => f.Key));
        Assert.Equal([a.Key, b.Key], filtered.Select(f => f.Key));
        Assert.Equal(5, keys.Count);
        Assert.Equal(store.ResolveKey(Root), keys[0]);
        Assert.Contains(c.Key, keys);
    }

    private async Task<(string Text, string ContentType)> RawAsync(S3ExchangeStore store, string key)
    {
        using var response = await server.Client.GetObjectAsync(server.Bucket, store.ResolveKey(key));
        using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
        return (await reader.ReadToEndAsync(), response.Headers.ContentType);
    }
}
