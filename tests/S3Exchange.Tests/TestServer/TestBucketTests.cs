using Amazon.S3.Model;
using S3Exchange.Testing;

namespace S3Exchange.Tests.TestServer;

/// <summary>
/// The fixture's bucket rule (<see cref="TestBucket"/>) on the real server, with buckets made by
/// a plain SDK client as someone else would.
/// </summary>
[Collection("S3")]
public sealed class TestBucketTests(S3ServerFixture server)
{
    [Fact]
    public async Task A_bucket_holding_someone_elses_objects_is_refused_naming_it_and_its_objects_stay()
    {
        var bucket = await CreateForeignBucketAsync();
        try
        {
            await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "precious/data.bin", ContentBody = "not the tests'" });

            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => TestBucket.ClaimAsync(server.Client, bucket));

            Assert.Equal(
                $"Refusing the test bucket '{bucket}': it holds objects (e.g. 'precious/data.bin') and no '{TestBucket.MarkerKey}', so the tests did not create it and could delete data that is not theirs. Set S3EXCHANGE_TEST_BUCKET to a new or empty bucket.",
                ex.Message);
            var keys = await server.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
            Assert.Equal(["precious/data.bin"], keys.S3Objects.Select(o => o.Key));
            using var stored = await server.Client.GetObjectAsync(bucket, "precious/data.bin");
            Assert.Equal("not the tests'", await new StreamReader(stored.ResponseStream).ReadToEndAsync());
        }
        finally
        {
            await DeleteBucketAsync(bucket);
        }
    }

    [Fact]
    public async Task A_missing_or_empty_bucket_is_marked_and_a_marked_one_is_used_again()
    {
        var missing = "s3x-new-" + Guid.NewGuid().ToString("N")[..12];
        var empty = await CreateForeignBucketAsync();
        try
        {
            await TestBucket.ClaimAsync(server.Client, missing);
            await TestBucket.ClaimAsync(server.Client, empty);

            foreach (var bucket in new[] { missing, empty })
            {
                var keys = await server.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
                Assert.Equal([TestBucket.MarkerKey], keys.S3Objects.Select(o => o.Key));

                // Marked, it is the tests' own even once it holds their data.
                await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "t-1/x", ContentBody = "x" });
                await TestBucket.ClaimAsync(server.Client, bucket);
            }
        }
        finally
        {
            await DeleteBucketAsync(missing);
            await DeleteBucketAsync(empty);
        }
    }

    [Fact]
    public async Task Claims_of_one_new_bucket_made_at_once_all_succeed_and_leave_only_the_marker()
    {
        // Test collections start together and claim the same bucket: one may mark it between
        // another's check and its listing (seen on RGW in CI), which must not read as foreign data.
        var buckets = Enumerable.Range(0, 5).Select(_ => "s3x-race-" + Guid.NewGuid().ToString("N")[..12]).ToList();
        try
        {
            foreach (var bucket in buckets)
            {
                var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var claims = Enumerable.Range(0, 6).Select(async _ =>
                {
                    await start.Task;
                    await TestBucket.ClaimAsync(server.Client, bucket);
                }).ToList();
                start.SetResult();

                await Task.WhenAll(claims);

                var keys = await server.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
                Assert.Equal([TestBucket.MarkerKey], keys.S3Objects.Select(o => o.Key));
            }
        }
        finally
        {
            foreach (var bucket in buckets)
            {
                await DeleteBucketAsync(bucket);
            }
        }
    }

    [Fact]
    public async Task The_fixtures_own_bucket_carries_the_marker()
    {
        var marker = await server.Client.GetObjectMetadataAsync(server.Bucket, TestBucket.MarkerKey);
        Assert.True(marker.ContentLength > 0);
    }

    private async Task<string> CreateForeignBucketAsync()
    {
        var bucket = "s3x-foreign-" + Guid.NewGuid().ToString("N")[..12];
        await server.Client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return bucket;
    }

    private async Task DeleteBucketAsync(string bucket)
    {
        var listing = await server.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        foreach (var item in listing.S3Objects ?? [])
        {
            await server.Client.DeleteObjectAsync(bucket, item.Key);
        }

        await server.Client.DeleteBucketAsync(bucket);
    }
}
