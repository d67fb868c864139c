using Amazon.S3;
using Amazon.S3.Model;

namespace S3Exchange.Testing;

/// <summary>
/// Keeps the tests off data that is not theirs. They work in a bucket only when it carries
/// <see cref="MarkerKey"/>, which they write into a bucket they created or found empty; a
/// bucket holding anything else (someone's data, or a bucket of another account) is refused
/// before any test runs, so no test can overwrite or delete what it did not write.
/// </summary>
public static class TestBucket
{
    /// <summary>The object that marks a bucket as the tests' own.</summary>
    public const string MarkerKey = "s3exchange-tests-bucket.marker";

    /// <summary>
    /// Creates <paramref name="bucket"/> when missing and marks it, marks it when it exists and is
    /// empty, accepts it when it is marked; otherwise throws, naming the bucket.
    /// </summary>
    /// <exception cref="InvalidOperationException">The bucket holds objects and no marker, or cannot be listed.</exception>
    public static async Task ClaimAsync(IAmazonS3 client, string bucket, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Whose it is and what it holds is judged below, by its content, the same on every server.
        }

        if (await IsMarkedAsync(client, bucket, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        ListObjectsV2Response listing;
        try
        {
            listing = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 1 }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex)
        {
            throw new InvalidOperationException($"Refusing the test bucket '{bucket}': it exists but cannot be listed ({ex.ErrorCode}), so it is not the tests' own. Set S3EXCHANGE_TEST_BUCKET to a new or empty bucket.", ex);
        }

        if (listing.S3Objects is [var found, ..])
        {
            // Test collections claim the bucket at once: another may have marked it between our
            // check and the listing (the listing then shows the marker). Judge again before refusing.
            if (await IsMarkedAsync(client, bucket, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            throw new InvalidOperationException(
                $"Refusing the test bucket '{bucket}': it holds objects (e.g. '{found.Key}') and no '{MarkerKey}', so the tests did not create it and could delete data that is not theirs. Set S3EXCHANGE_TEST_BUCKET to a new or empty bucket.");
        }

        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = MarkerKey, ContentBody = "This bucket holds S3Exchange test data; the tests may delete anything in it.\n" }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> IsMarkedAsync(IAmazonS3 client, string bucket, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetObjectMetadataAsync(bucket, MarkerKey, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
