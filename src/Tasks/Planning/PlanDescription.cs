using S3Exchange.Build.Diagnostics;

namespace S3Exchange.Build.Planning;

/// <summary>The plan as a dry run prints it: every shard and loose file with its size and key.</summary>
internal static class PlanDescription
{
    public static IEnumerable<string> Lines(PublishPlan plan, Func<string, string> fullKey)
    {
        yield return $"S3Exchange dry run: {plan.FileCount} files ({Sizes.Mib(plan.ContentBytes)}) in {plan.Shards.Count} shards and {plan.LooseFiles.Count} loose files; manifest {fullKey(plan.ManifestKey)}; nothing is sent.";
        for (var i = 0; i < plan.Shards.Count; i++)
        {
            var shard = plan.Shards[i];
            yield return $"  shard {i + 1}/{plan.Shards.Count}: {fullKey(shard.Key)} ({shard.Files.Count} files, {Sizes.Mib(shard.ContentBytes)}, {shard.Files[0].RelativePath} .. {shard.Files[^1].RelativePath})";
        }

        foreach (var loose in plan.LooseFiles)
        {
            yield return $"  loose: {loose.File.RelativePath} -> {fullKey(loose.Key)} ({Sizes.Mib(loose.File.SizeBytes)})";
        }
    }
}
