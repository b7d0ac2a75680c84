using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>
/// A gRPC server on loopback over real HTTP/2 (Kestrel, h2c, or TLS with a given certificate):
/// it reads each request's length-prefixed protobuf frame, parses it with the method's message
/// parser, and writes the response frame and the <c>grpc-status</c>/<c>grpc-message</c>
/// trailers exactly as a gRPC server does, so the client's marshalling, headers, deadlines and
/// receive limit all run. What the methods answer is up to <see cref="Handle"/>.
/// </summary>
internal abstract class GrpcLoopbackServer : IAsyncDisposable
{
    private readonly List<IReadOnlyDictionary<string, string>> _calls = [];
    private WebApplication? _app;

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:53111</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The request headers of every call, newest last, with the method path under <c>:path</c>.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Starts listening on a free loopback port; with <paramref name="certificate"/> it speaks TLS.</summary>
    public async Task StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, SilentHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });

        _app = builder.Build();
        _app.Run(ServeAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(address);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>The parser of the request message of <paramref name="path"/> (e.g. <c>/qdrant.Points/Upsert</c>), or null when the method is unknown.</summary>
    protected abstract MessageParser? Parser(string path);

    /// <summary>The response to a request; throw <see cref="RpcException"/> to fail the call with its status.</summary>
    protected abstract IMessage Handle(string path, IMessage request, IReadOnlyDictionary<string, string> headers);

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        headers[":path"] = path;
        lock (_calls)
        {
            _calls.Add(headers);
        }

        context.Response.ContentType = "application/grpc";
        try
        {
            var parser = Parser(path) ?? throw new RpcException(new Status(StatusCode.Unimplemented, $"Method {path} is not implemented."));
            var request = parser.ParseFrom(await ReadFrameAsync(context.Request.Body));
            var response = Handle(path, request, headers).ToByteArray();
            var frame = new byte[5 + response.Length];
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)response.Length);
            response.CopyTo(frame, 5);
            await context.Response.Body.WriteAsync(frame);
            context.Response.AppendTrailer("grpc-status", "0");
        }
        catch (RpcException ex)
        {
            context.Response.AppendTrailer("grpc-status", ((int)ex.StatusCode).ToString(CultureInfo.InvariantCulture));
            context.Response.AppendTrailer("grpc-message", PercentEncode(ex.Status.Detail));
        }
    }

    private static async Task<byte[]> ReadFrameAsync(Stream body)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Length < 5 || bytes.Span[0] != 0)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Expected one uncompressed gRPC message."));
        }

        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.Span[1..]);
        return bytes.Slice(5, length).ToArray();
    }

    // gRPC's percent-encoding of grpc-message: everything outside printable ASCII, and '%'.
    private static string PercentEncode(string text)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            encoded.Append(b is >= 0x20 and <= 0x7E and not (byte)'%' ? ((char)b).ToString() : $"%{b:X2}");
        }

        return encoded.ToString();
    }

    private sealed class SilentHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
