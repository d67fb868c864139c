using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace S3Exchange;

/// <summary>
/// The thin layer over <see cref="IAmazonS3"/>: one bucket, the request settings S3-compatible
/// servers need, and SDK errors translated to this library's exceptions: a missing bucket or
/// object to its own, any other failed request (after the SDK's retries), and a body cut short,
/// to an <see cref="S3OperationException"/> naming the operation and the key.
/// </summary>
internal sealed class ObjectStorage(IAmazonS3 client, string bucket, bool compatibleEndpoint, ILogger? logger = null)
{
    /// <summary>DeleteObjects takes at most this many keys a request.</summary>
    public const int DeleteBatchSize = 1000;

    public IAmazonS3 Client { get; } = client;

    public string Bucket { get; } = bucket;

    /// <summary>Where the store's engines log (<see cref="S3ExchangeLog"/>); a no-op logger when the store was given no logger factory.</summary>
    public ILogger Logger { get; } = logger ?? NullLogger.Instance;

    /// <summary>Opens an object (or a byte range of it) for reading; reads of its body that fail are <see cref="S3OperationException"/>s too.</summary>
    /// <exception cref="ObjectNotFoundException">No object has that key.</exception>
    /// <exception cref="S3OperationException">The request failed.</exception>
    /// <remarks>With <paramref name="ifMatch"/>, a changed object fails with the SDK's exception for status 412.</remarks>
    public async Task<GetObjectResponse> GetAsync(string key, ByteRange? range, CancellationToken cancellationToken, string? ifMatch = null)
    {
        var request = new GetObjectRequest { BucketName = Bucket, Key = key, ByteRange = range };
        if (ifMatch is not null)
        {
            request.EtagToMatch = ETags.Quote(ifMatch);
        }

        try
        {
            S3ExchangeTelemetry.CountRequest(S3Operations.GetObject);
            var response = await Client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
            response.ResponseStream = new ObjectReadStream(response.ResponseStream, key, response.ContentLength);
            return response;
        }
        catch (Exception ex) when (!(ifMatch is not null && S3ErrorTranslation.IsConditionAnswer(ex))
            && S3ErrorTranslation.Translate(ex, Bucket, S3Operations.GetObject, key, notFoundIsMissingObject: true) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Reads a whole (small) object into memory, with its ETag; null when it does not exist.</summary>
    public async Task<(byte[] Content, string? ETag)?> TryReadAllAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadBytesAsync(key, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads an object, or a byte range of it, into memory, with its ETag. A body cut short
    /// after its headers came, which the SDK does not retry, is read again as many times as
    /// the SDK retries a request.
    /// </summary>
    /// <exception cref="ObjectNotFoundException">No object has that key.</exception>
    /// <exception cref="S3OperationException">The request failed, or every read of the body did.</exception>
    public async Task<(byte[] Content, string? ETag)> ReadBytesAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        for (var retries = Client.Config.MaxErrorRetry; ; retries--)
        {
            using var response = await GetAsync(key, range, cancellationToken).ConfigureAwait(false);
            var length = response.ContentLength > 0 ? (int)response.ContentLength : 0;
            using var buffer = new MemoryStream(length);
            try
            {
                await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                return (buffer.ToArray(), ETags.Unquote(response.ETag));
            }
            catch (S3OperationException) when (retries > 0)
            {
            }
        }
    }

    /// <summary>HEADs an object; null when it does not exist.</summary>
    public async Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            S3ExchangeTelemetry.CountRequest(S3Operations.HeadObject);
            var response = await Client.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = Bucket, Key = key },
                cancellationToken).ConfigureAwait(false);
            var metadata = response.Metadata.Keys.ToDictionary(
                k => k.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase) ? k["x-amz-meta-".Length..] : k,
                k => response.Metadata[k],
                StringComparer.OrdinalIgnoreCase);
            return new ObjectInfo(
                key,
                response.ContentLength,
                ETags.Unquote(response.ETag),
                response.Headers.ContentType,
                response.LastModified,
                metadata);
        }
        catch (AmazonS3Exception ex) when (S3ErrorTranslation.IsNotFound(ex))
        {
            return null;
        }
        catch (Exception ex) when (S3ErrorTranslation.Translate(ex, Bucket, S3Operations.HeadObject, key) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Writes an object in one request and returns its ETag without quotes. The answer to a
    /// condition the request sets (412, 409, 501) is the SDK's exception, for the caller to act on.
    /// </summary>
    /// <exception cref="S3OperationException">The request failed.</exception>
    public async Task<string?> PutAsync(PutObjectRequest request, CancellationToken cancellationToken)
    {
        request.BucketName = Bucket;
        ApplyCompatibility(request);
        try
        {
            S3ExchangeTelemetry.CountRequest(S3Operations.PutObject);
            var sending = request.InputStream is { CanSeek: true } body ? body.Length - body.Position : 0;
            var response = await Client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            S3ExchangeTelemetry.CountBytesSent(sending);
            return ETags.Unquote(response.ETag);
        }
        catch (Exception ex) when (!(IsConditional(request) && S3ErrorTranslation.IsConditionAnswer(ex))
            && S3ErrorTranslation.Translate(ex, Bucket, S3Operations.PutObject, request.Key) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Writes an object only if its current ETag is <paramref name="ifMatch"/> (or, with null,
    /// only if it does not exist yet). <paramref name="bareETag"/> sends If-Match without the
    /// quotes the standard asks for (Ceph RGW 16 compares the header with the bare ETag).
    /// </summary>
    /// <exception cref="ConditionalWritesNotSupportedException">The server does not implement conditional writes.</exception>
    public async Task<ConditionalPutResult> TryPutConditionalAsync(string key, ReadOnlyMemory<byte> content, string contentType, string? ifMatch, bool bareETag, CancellationToken cancellationToken)
    {
        var request = NewPut(key, content, contentType);
        if (ifMatch is null)
        {
            request.IfNoneMatch = "*";
        }
        else
        {
            request.IfMatch = bareETag ? ETags.Unquote(ifMatch) : ETags.Quote(ifMatch);
        }

        try
        {
            var etag = await PutAsync(request, cancellationToken).ConfigureAwait(false);
            return new ConditionalPutResult(ConditionalPutOutcome.Written, etag);
        }
        catch (AmazonS3Exception ex) when (S3ErrorTranslation.IsPreconditionFailed(ex))
        {
            return new ConditionalPutResult(ConditionalPutOutcome.PreconditionFailed, null);
        }
        catch (AmazonS3Exception ex) when (S3ErrorTranslation.IsConditionalRequestConflict(ex))
        {
            return new ConditionalPutResult(ConditionalPutOutcome.Conflict, null);
        }
        catch (AmazonS3Exception ex) when (S3ErrorTranslation.IsNotImplemented(ex))
        {
            throw new ConditionalWritesNotSupportedException(key, ex);
        }
    }

    /// <summary>A PutObject request for in-memory content.</summary>
    public static PutObjectRequest NewPut(string key, ReadOnlyMemory<byte> content, string? contentType)
    {
        return new PutObjectRequest
        {
            Key = key,
            InputStream = new ReadOnlyMemoryStream(content),
            ContentType = contentType,
            AutoCloseStream = true,
        };
    }

    /// <summary>Lists keys under <paramref name="prefix"/>, page by page.</summary>
    public async IAsyncEnumerable<S3Object> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix };
        while (true)
        {
            ListObjectsV2Response response;
            try
            {
                S3ExchangeTelemetry.CountRequest(S3Operations.ListObjectsV2);
                response = await Client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (S3ErrorTranslation.Translate(ex, Bucket, S3Operations.ListObjectsV2, prefix) is { } translated)
            {
                throw translated;
            }

            // AWSSDK v4 leaves S3Objects null on an empty page.
            foreach (var item in response.S3Objects ?? [])
            {
                yield return item;
            }

            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken))
            {
                yield break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    /// <summary>Deletes one object; deleting a missing key succeeds, as in S3.</summary>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            S3ExchangeTelemetry.CountRequest(S3Operations.DeleteObject);
            await Client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (S3ErrorTranslation.Translate(ex, Bucket, S3Operations.DeleteObject, key) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Deletes keys in batches of <see cref="DeleteBatchSize"/>; returns the keys the server
    /// refused, with its message.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> DeleteManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var start = 0; start < keys.Count; start += DeleteBatchSize)
        {
            var request = new DeleteObjectsRequest
            {
                BucketName = Bucket,
                Quiet = true,
                Objects = keys.Skip(start).Take(DeleteBatchSize).Select(k => new KeyVersion { Key = k }).ToList(),
            };
            try
            {
                S3ExchangeTelemetry.CountRequest(S3Operations.DeleteObjects);
                var response = await Client.DeleteObjectsAsync(request, cancellationToken).ConfigureAwait(false);
                foreach (var error in response.DeleteErrors ?? [])
                {
                    errors[error.Key] = $"{error.Code}: {error.Message}";
                }
            }
            catch (DeleteObjectsException ex)
            {
                foreach (var error in ex.Response?.DeleteErrors ?? [])
                {
                    errors[error.Key] = $"{error.Code}: {error.Message}";
                }
            }
            catch (Exception ex) when (S3ErrorTranslation.Translate(ex, Bucket, S3Operations.DeleteObjects, request.Objects[0].Key) is { } translated)
            {
                throw translated;
            }
        }

        return errors;
    }

    /// <summary>Opens a stream whose bytes become the object at <paramref name="key"/>; see <see cref="UploadStream"/>.</summary>
    public UploadStream OpenWrite(string key, string? contentType, UploadSettings settings, IProgress<TransferProgress>? progress = null, long? expectedLength = null) =>
        new(this, key, contentType, settings) { Progress = progress, ExpectedLength = expectedLength };

    /// <summary>Starts a multipart upload and returns its id.</summary>
    /// <exception cref="S3OperationException">The request failed.</exception>
    public async Task<string> CreateMultipartUploadAsync(string key, string? contentType, CancellationToken cancellationToken)
    {
        try
        {
            S3ExchangeTelemetry.CountRequest(S3Operations.CreateMultipartUpload);
            var response = await Client.InitiateMultipartUploadAsync(
                new InitiateMultipartUploadRequest { BucketName = Bucket, Key = key, ContentType = contentType },
                cancellationToken).ConfigureAwait(false);
            return response.UploadId;
        }
        catch (Exception ex) when (S3ErrorTranslation.Translate(ex, Bucket, S3Operations.CreateMultipartUpload, key) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Uploads one part of a multipart upload.</summary>
    /// <exception cref="S3OperationException">The request failed.</exception>
    public async Task<PartETag> UploadPartAsync(string key, string uploadId, int partNumber, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var request = new UploadPartRequest
        {
            BucketName = Bucket,
            Key = key,
            UploadId = uploadId,
            PartNumber = partNumber,
            PartSize = content.Length,
            InputStream = new ReadOnlyMemoryStream(content),
        };
        ApplyCompatibility(request);
        try
        {
            S3ExchangeTelemetry.CountRequest(S3Operations.UploadPart);
            var response = await Client.UploadPartAsync(request, cancellationToken).ConfigureAwait(false);
            S3ExchangeTelemetry.CountBytesSent(content.Length);
            return new PartETag(partNumber, response.ETag);
        }
        catch (Exception ex) when (S3ErrorTranslation.Translate(ex, Bucket, S3Operations.UploadPart, key) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Joins the parts into the object and returns its ETag without quotes.</summary>
    /// <exception cref="S3OperationException">The request failed.</exception>
    public async Task<string?> CompleteMultipartUploadAsync(string key, string uploadId, IEnumerable<PartETag> parts, CancellationToken cancellationToken)
    {
        try
        {
            S3ExchangeTelemetry.CountRequest(S3Operations.CompleteMultipartUpload);
            var response = await Client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = Bucket, Key = key, UploadId = uploadId, PartETags = parts.OrderBy(p => p.PartNumber).ToList() },
                cancellationToken).ConfigureAwait(false);
            return ETags.Unquote(response.ETag) is { Length: > 0 } etag ? etag : await CommittedETagAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (S3ErrorTranslation.Translate(ex, Bucket, S3Operations.CompleteMultipartUpload, key) is { } translated)
        {
            throw translated;
        }
    }

    // Ceph RGW answers CompleteMultipartUpload with an empty ETag, though the object has one.
    // The object is committed by now, so a failed HEAD leaves the entry without an ETag rather
    // than failing an upload that succeeded.
    private async Task<string?> CommittedETagAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return (await HeadAsync(key, cancellationToken).ConfigureAwait(false))?.ETag is { Length: > 0 } etag ? etag : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>
    /// Aborts a multipart upload, best effort: it runs while another error is on its way to the
    /// caller, and one that fails (server gone) leaves only invisible parts, which a bucket
    /// lifecycle rule removes.
    /// </summary>
    public async Task TryAbortMultipartUploadAsync(string key, string uploadId, int parts)
    {
        try
        {
            await AbortMultipartUploadAsync(key, uploadId, CancellationToken.None).ConfigureAwait(false);
            S3ExchangeLog.MultipartUploadAborted(Logger, key, uploadId, parts);
        }
        catch (Exception ex) when (ex is S3ExchangeException or OperationCanceledException)
        {
            // The request failed or timed out: the error already on its way to the caller is the one that matters.
            S3ExchangeLog.MultipartAbortFailed(Logger, ex, key, uploadId);
        }
    }

    /// <summary>Aborts a multipart upload: its parts are dropped and its id can no longer be used.</summary>
    /// <exception cref="S3OperationException">The request failed.</exception>
    public async Task AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            S3ExchangeTelemetry.CountRequest(S3Operations.AbortMultipartUpload);
            await Client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = Bucket, Key = key, UploadId = uploadId }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (S3ErrorTranslation.Translate(ex, Bucket, S3Operations.AbortMultipartUpload, key) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Applies what S3-compatible servers (Garage, older MinIO, Ceph) need on each upload:
    /// AWSSDK v4 streams uploads as aws-chunked with checksum trailers, which they reject.
    /// </summary>
    public void ApplyCompatibility(PutObjectRequest request)
    {
        if (compatibleEndpoint)
        {
            request.UseChunkEncoding = false;
        }
    }

    /// <inheritdoc cref="ApplyCompatibility(PutObjectRequest)"/>
    private void ApplyCompatibility(UploadPartRequest request)
    {
        if (compatibleEndpoint)
        {
            request.UseChunkEncoding = false;
        }
    }

    private static bool IsConditional(PutObjectRequest request) => request.IfMatch is not null || request.IfNoneMatch is not null;
}
