using System.Globalization;
using S3Exchange.Reporting;

namespace S3Exchange.Build.Publishing;

/// <summary>The arguments of the publish messages in Resources/Strings.resx, from the runtime's plan, progress and report.</summary>
internal static class PublishLog
{
    public static object[] StartArguments(PublishPlan plan, string bucket, string manifestKey, string server) =>
        [plan.FileCount, Sizes.Mib(plan.ContentBytes), plan.Shards.Count, plan.LooseFiles.Count, bucket, manifestKey, server];

    // Each TransferStep has a message of the same name in Resources/Strings.resx.
    public static string StepResource(TransferProgress step) => step.Step.ToString();

    public static object[] StepArguments(TransferProgress step) => step.Step switch
    {
        TransferStep.ShardUploaded => [step.Completed, step.Total, step.Key, step.Files, Sizes.Mib(step.Bytes), Seconds(step.Elapsed)],
        TransferStep.ShardAlreadyStored => [step.Completed, step.Total, step.Key, step.Files],
        TransferStep.FileUploaded => [step.Completed, step.Total, step.Path!, step.Key, Sizes.Mib(step.Bytes), Seconds(step.Elapsed)],
        TransferStep.FileAlreadyStored => [step.Completed, step.Total, step.Path!, step.Key],
        _ => [step.Completed, step.Total, step.Path ?? step.Key, Sizes.Mib(step.Bytes)],
    };

    public static object[] SummaryArguments(PublishReport r) =>
    [
        r.FileCount, Sizes.Mib(r.ContentBytes), r.ShardsUploaded, r.ShardsSkipped, r.LooseUploaded, r.LooseSkipped,
        Sizes.Mib(r.BytesUploaded), Seconds(r.Elapsed), r.MebibytesPerSecond.ToString("0.0", CultureInfo.InvariantCulture), r.ManifestKey, r.ManifestSha256,
    ];

    /// <summary>The plan as a dry run prints it: every shard and loose file with its size and key.</summary>
    public static IEnumerable<(string Resource, object[] Arguments)> DryRun(PublishPlan plan, Func<string, string> fullKey)
    {
        yield return ("DryRunPlan", [plan.FileCount, Sizes.Mib(plan.ContentBytes), plan.Shards.Count, plan.LooseFiles.Count, fullKey(plan.ManifestKey)]);
        for (var i = 0; i < plan.Shards.Count; i++)
        {
            var shard = plan.Shards[i];
            yield return ("DryRunShard", [i + 1, plan.Shards.Count, fullKey(shard.Key), shard.Files.Count, Sizes.Mib(shard.ContentBytes), shard.Files[0].RelativePath, shard.Files[^1].RelativePath]);
        }

        foreach (var loose in plan.LooseFiles)
        {
            yield return ("DryRunLoose", [loose.File.RelativePath, fullKey(loose.Key), Sizes.Mib(loose.File.SizeBytes)]);
        }
    }

    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
}
