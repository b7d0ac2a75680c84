using Google.Protobuf;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace RpmKernel.Storage.Tests.Qdrant;

/// <summary>
/// A gRPC call invoker under the real <c>QdrantClient</c>: it records every request message as it
/// would go on the wire, with the method name, and answers with a successful response (or one
/// from <see cref="Responses"/>), so the production seam's translation can be checked without a server.
/// </summary>
internal sealed class RecordingCallInvoker : UnaryCallInvoker
{
    public List<(string Method, IMessage Request)> Calls { get; } = [];

    /// <summary>Responses by method name (e.g. "Scroll"); others are empty successes.</summary>
    public Dictionary<string, IMessage> Responses { get; } = [];

    public T Single<T>()
        where T : IMessage
        => Assert.Single(Calls.Select(c => c.Request).OfType<T>());

    protected override IMessage Answer(string method, IMessage request, Type responseType)
    {
        Calls.Add((method, request));
        return Responses.GetValueOrDefault(method) ?? Success(responseType);
    }

    private static IMessage Success(Type type)
    {
        var response = (IMessage)Activator.CreateInstance(type)!;
        switch (response)
        {
            case CollectionOperationResponse operation:
                operation.Result = true;
                break;
            case PointsOperationResponse points:
                points.Result = new UpdateResult { Status = UpdateStatus.Completed };
                break;
            case CollectionExistsResponse exists:
                exists.Result = new CollectionExists { Exists = true };
                break;
            case HealthCheckReply health:
                health.Version = QdrantGrpcClient.QdrantVersion.TrimStart('v');
                break;
            case GetCollectionInfoResponse info:
                info.Result = new CollectionInfo();
                break;
        }

        return response;
    }
}
