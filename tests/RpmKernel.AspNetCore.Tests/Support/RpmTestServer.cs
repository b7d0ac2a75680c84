using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RpmKernel.AspNetCore.Auth;
using RpmKernel.AspNetCore.Hosting;
using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.Testing;
using Scalar.AspNetCore;

namespace RpmKernel.AspNetCore.Tests.Support;

/// <summary>
/// The RPM server as a host would run it (<c>AddRpm</c> + <c>AddRpmServer</c> + <c>MapRpm</c>) on Kestrel at
/// 127.0.0.1 with a free port, over the in-process OpenAI-compatible server and a SQLite store in a fresh
/// folder, with the keys of <see cref="TestKeys"/>. Tests drive it over HTTP with <see cref="Client"/>.
/// Pass the same <see cref="FakeOpenAIServer"/> and store folder to a second server to model a restart.
/// </summary>
internal sealed class RpmTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsModel;
    private readonly bool _ownsStore;
    private readonly List<HttpClient> _clients = [];

    private RpmTestServer(WebApplication app, FakeOpenAIServer model, bool ownsModel, TempDirectory store, bool ownsStore, Uri address)
    {
        _app = app;
        Model = model;
        _ownsModel = ownsModel;
        Store = store;
        _ownsStore = ownsStore;
        Address = address;
    }

    /// <summary>The model server RPM calls.</summary>
    public FakeOpenAIServer Model { get; }

    /// <summary>The folder of the SQLite store (<c>rpm.db</c>).</summary>
    public TempDirectory Store { get; }

    /// <summary>The server's root, such as http://127.0.0.1:PORT/.</summary>
    public Uri Address { get; }

    /// <summary>The server's services (the pipeline, options).</summary>
    public IServiceProvider Services => _app.Services;

    public IRpmPipeline Pipeline => Services.GetRequiredService<IRpmPipeline>();

    /// <summary>Starts a server.</summary>
    /// <param name="settings">Extra or overriding settings (<c>Rpm:Server:...</c>, <c>Rpm:Limits:...</c>).</param>
    /// <param name="model">A model server to share (not disposed with this server); null starts one.</param>
    /// <param name="store">A store folder to share (not deleted with this server); null makes one.</param>
    /// <param name="configureApp">Maps more endpoints next to <c>MapRpm</c>.</param>
    /// <param name="logs">Where the server's log messages go (debug and up); none when null.</param>
    public static async Task<RpmTestServer> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        FakeOpenAIServer? model = null,
        TempDirectory? store = null,
        Action<WebApplication>? configureApp = null,
        CapturedLogs? logs = null)
    {
        var ownsModel = model is null;
        var ownsStore = store is null;
        model ??= await FakeOpenAIServer.StartAsync();
        store ??= new TempDirectory();
        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                Args = [],
                ApplicationName = typeof(RpmTestServer).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
                EnvironmentName = Environments.Production,
            });
            builder.Logging.ClearProviders();
            if (logs is not null)
            {
                builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
            }

            builder.Services.AddSingleton<IHostLifetime, NoSignalsLifetime>();
            builder.Configuration.AddInMemoryCollection(Settings(model, store, settings));
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            builder.Services.AddRpm(builder.Configuration).AddRpmServer(builder.Configuration);
            builder.Services.AddOpenApi();
            var app = builder.Build();
            app.MapRpmServer();
            app.MapOpenApi();
            app.MapScalarApiReference();
            configureApp?.Invoke(app);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new RpmTestServer(app, model, ownsModel, store, ownsStore, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            if (ownsModel)
            {
                await model.DisposeAsync();
            }

            if (ownsStore)
            {
                store.Dispose();
            }

            throw;
        }
    }

    /// <summary>A client whose base address is the API prefix (<c>/v1/</c>), sending <paramref name="key"/> as a bearer token (none when null).</summary>
    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = new Uri(Address, "v1/") };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>Ingests <paramref name="items"/> for <paramref name="tenant"/>'s user <paramref name="userId"/> straight through the pipeline.</summary>
    public Task<IngestResult> IngestAsync(string tenant, string userId, IReadOnlyList<HistoryItem> items, string task = "lamp2") =>
        Pipeline.IngestAsync(TenantUserIds.ToStored(tenant, userId, 512), task, items);

    /// <summary>Stops the server gracefully (what a SIGTERM does), keeping the model server and the store.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsModel)
        {
            await Model.DisposeAsync();
        }

        if (_ownsStore)
        {
            Store.Dispose();
        }
    }

    private static Dictionary<string, string?> Settings(FakeOpenAIServer model, TempDirectory store, IReadOnlyDictionary<string, string?>? overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Rpm:Chat:Endpoint"] = model.Endpoint.ToString(),
            ["Rpm:Chat:ApiKey"] = "test-key",
            ["Rpm:Chat:MaxRetries"] = "1",
            ["Rpm:Embeddings:Provider"] = "OpenAI",
            ["Rpm:Embeddings:Model"] = "text-embedding-3-small",
            ["Rpm:Embeddings:Dimensions"] = "64",
            ["Rpm:Store:Provider"] = "Sqlite",
            ["Rpm:Store:Sqlite:Path"] = store.File("rpm.db"),
            ["Rpm:Server:ApiKeys:acme-admin:Key"] = TestKeys.AcmeAdmin,
            ["Rpm:Server:ApiKeys:acme-admin:Tenant"] = TestKeys.AcmeTenant,
            ["Rpm:Server:ApiKeys:acme-admin:Operations:0"] = "Personalize, Explain, Ingest, Observe, Forget, Usage, Users",
            ["Rpm:Server:ApiKeys:acme-reader:Key"] = TestKeys.AcmeReader,
            ["Rpm:Server:ApiKeys:acme-reader:Tenant"] = TestKeys.AcmeTenant,
            ["Rpm:Server:ApiKeys:acme-explainer:Key"] = TestKeys.AcmeExplainer,
            ["Rpm:Server:ApiKeys:acme-explainer:Tenant"] = TestKeys.AcmeTenant,
            ["Rpm:Server:ApiKeys:acme-explainer:Operations:0"] = "Explain",
            ["Rpm:Server:ApiKeys:globex-admin:KeyHash"] = "sha256:" + ApiKeyRegistry.HashOf(TestKeys.GlobexAdmin),
            ["Rpm:Server:ApiKeys:globex-admin:Tenant"] = TestKeys.GlobexTenant,
            ["Rpm:Server:ApiKeys:globex-admin:Operations:0"] = "Personalize, Explain, Ingest, Observe, Forget, Usage, Users",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Neither hooks the test runner's Ctrl+C / SIGTERM nor prints banners.</summary>
    private sealed class NoSignalsLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
