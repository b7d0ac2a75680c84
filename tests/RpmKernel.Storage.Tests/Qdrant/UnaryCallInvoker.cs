using Google.Protobuf;
using Grpc.Core;

namespace RpmKernel.Storage.Tests.Qdrant;

/// <summary>A gRPC call invoker for Qdrant's unary calls, answered in process; an <see cref="RpcException"/> from <see cref="Answer"/> fails the call as a server error would.</summary>
internal abstract class UnaryCallInvoker : CallInvoker
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        Task<TResponse> response;
        try
        {
            response = Task.FromResult((TResponse)Answer(method.Name, (IMessage)request, typeof(TResponse)));
        }
        catch (RpcException ex)
        {
            response = Task.FromException<TResponse>(ex);
        }

        return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        => throw new NotSupportedException();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        => throw new NotSupportedException();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
        => throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
        => throw new NotSupportedException();

    /// <summary>The response of type <paramref name="responseType"/> to <paramref name="request"/> of gRPC method <paramref name="method"/>.</summary>
    protected abstract IMessage Answer(string method, IMessage request, Type responseType);
}
