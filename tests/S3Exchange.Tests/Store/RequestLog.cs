using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Exchange.Tests.Store;

/// <summary>Records the requests a store's client sends, to assert how many a read costs.</summary>
internal sealed class RequestLog
{
    private readonly List<AmazonWebServiceRequest> requests = [];

    public RequestLog(S3ExchangeStore store)
    {
        ((AmazonS3Client)store.Client).BeforeRequestEvent += (_, e) =>
        {
            if (e is WebServiceRequestEventArgs args)
            {
                lock (requests)
                {
                    requests.Add(args.Request);
                }
            }
        };
    }

    public IReadOnlyList<AmazonWebServiceRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public void Clear()
    {
        lock (requests)
        {
            requests.Clear();
        }
    }

    public IReadOnlyList<GetObjectRequest> Gets => Requests.OfType<GetObjectRequest>().ToList();
}
