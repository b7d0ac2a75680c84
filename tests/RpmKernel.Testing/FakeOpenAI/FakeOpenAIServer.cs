using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RpmKernel.Testing;

/// <summary>
/// An OpenAI-compatible HTTP server on loopback (Kestrel, random port) for tests: chat completions
/// whose content is deterministic JSON generated from the request's schema, hashed bag-of-words
/// embeddings, a model list, the Batch API (files and batches, answering each line as online),
/// request recording, test responders and one-shot fault injection.
/// </summary>
/// <example>
/// <code>
/// await using var server = await FakeOpenAIServer.StartAsync();
/// kernelBuilder.AddOpenAIChatCompletion("gpt-4o-mini", server.Endpoint, apiKey: "test-key");
/// </code>
/// </example>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<Func<RecordedRequest, string?>> _responders = [];
    private readonly ConcurrentQueue<FakeFault> _faults = new();
    private readonly FakeBatchStore _batches = new();
    private readonly List<RecordedRequest> _batchLines = [];
    private readonly FakePromptCache _promptCache = new();
    private long _cachedPromptTokens;
    private long _latencyTicks;
    private long _embeddingLatencyTicks;
    private long _handlingTicks;
    private int _disposed;

    private FakeOpenAIServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Base address for OpenAI clients, such as http://127.0.0.1:PORT/v1/.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Server root without the /v1 segment, such as http://127.0.0.1:PORT/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Snapshot of every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Chat requests (both /v1/chat/completions and /chat/completions) received so far.</summary>
    public IReadOnlyList<RecordedRequest> ChatRequests => Requests.Where(r => Route(r.Path) == "/chat/completions").ToArray();

    /// <summary>Status reads (GET /v1/batches/{id}) a batch answers with in_progress before it completes; 0 completes it at the first read. Read at every poll, so lowering it lets waiting batches complete.</summary>
    public int BatchPollsBeforeCompletion { get; set; }

    /// <summary>Picks the batch lines that fail (they go to the batch's error file with HTTP 500); null fails none.</summary>
    public Func<RecordedRequest, bool>? FailBatchLines { get; set; }

    /// <summary>Batches created so far (POST /v1/batches that succeeded).</summary>
    public int BatchesCreated => _batches.BatchCount;

    /// <summary>The chat requests answered inside batches so far, one per line (the body is the line's body).</summary>
    public IReadOnlyList<RecordedRequest> BatchLines
    {
        get
        {
            lock (_gate)
            {
                return _batchLines.ToArray();
            }
        }
    }

    /// <summary>
    /// Whether chat completions report prompt caching as OpenAI does (default true): the longest beginning
    /// of at least 1,024 tokens (words here) a prompt shares with an earlier one, in steps of 128, as
    /// <c>usage.prompt_tokens_details.cached_tokens</c>. Batch lines report none.
    /// </summary>
    public bool PromptCaching { get; set; } = true;

    /// <summary>The <c>cached_tokens</c> reported by online chat completions so far, summed.</summary>
    public long CachedPromptTokens => Interlocked.Read(ref _cachedPromptTokens);

    /// <summary>Time spent inside the server's request handler so far, summed over requests (includes <see cref="Latency"/>).</summary>
    public TimeSpan HandlingTime => TimeSpan.FromTicks(Interlocked.Read(ref _handlingTicks));

    /// <summary>Faults enqueued and not yet consumed.</summary>
    public int PendingFaultCount => _faults.Count;

    /// <summary>Delay added to every chat response (default zero); ends early if the client disconnects.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref _latencyTicks, value.Ticks);
        }
    }

    /// <summary>Delay added to every embeddings response (default zero), e.g. to hold a reindex while another process acts.</summary>
    public TimeSpan EmbeddingLatency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _embeddingLatencyTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref _embeddingLatencyTicks, value.Ticks);
        }
    }

    /// <summary>Starts a server on http://127.0.0.1 with a free port.</summary>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running server; dispose it to stop.</returns>
    public static async Task<FakeOpenAIServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var app = LoopbackApp.Build(typeof(FakeOpenAIServer).Assembly.GetName().Name!);
        var server = new FakeOpenAIServer(app);
        app.Run(server.HandleAsync);
        server.BaseAddress = await LoopbackApp.StartAsync(app, cancellationToken).ConfigureAwait(false);
        server.Endpoint = new Uri(server.BaseAddress, "v1/");
        return server;
    }

    /// <summary>Forgets the requests recorded so far.</summary>
    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>
    /// Adds a responder for chat requests. Responders are tried newest first; the first non-null
    /// result becomes the assistant content; when all return null the schema-driven content is used.
    /// </summary>
    /// <param name="responder">Returns assistant content for the request, or null to pass.</param>
    public void Respond(Func<RecordedRequest, string?> responder)
    {
        ArgumentNullException.ThrowIfNull(responder);
        lock (_gate)
        {
            _responders.Add(responder);
        }
    }

    /// <summary>Removes every responder added with <see cref="Respond"/>.</summary>
    public void ClearResponders()
    {
        lock (_gate)
        {
            _responders.Clear();
        }
    }

    /// <summary>Queues a fault for the next chat request that has not consumed one (first in, first out).</summary>
    /// <param name="fault">The fault; see <see cref="FakeFault"/>.</param>
    public void EnqueueFault(FakeFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _faults.Enqueue(fault);
    }

    /// <summary>Stops the server; pending delayed responses end at once.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    internal void RecordBatchLine(RecordedRequest line)
    {
        lock (_gate)
        {
            _batchLines.Add(line);
        }
    }

    /// <summary>The cached tokens of an online chat request (0 with <see cref="PromptCaching"/> off); the prompt is remembered for later ones.</summary>
    internal int ReadPromptCache(ChatConversation conversation)
    {
        if (!PromptCaching)
        {
            return 0;
        }

        var cached = _promptCache.Read(conversation);
        Interlocked.Add(ref _cachedPromptTokens, cached);
        return cached;
    }

    internal FakeFault? TryDequeueFault() => _faults.TryDequeue(out var fault) ? fault : null;

    internal string? AnswerFromResponders(RecordedRequest request)
    {
        Func<RecordedRequest, string?>[] responders;
        lock (_gate)
        {
            responders = _responders.ToArray();
        }

        for (var i = responders.Length - 1; i >= 0; i--)
        {
            if (responders[i](request) is { } content)
            {
                return content;
            }
        }

        return null;
    }

    /// <summary>Maps /v1/x, /x, //v1/x/ and /V1/X to "/x" so any base-URL convention works.</summary>
    private static string Route(string path)
    {
        var segments = path.ToLowerInvariant().Split('/', StringSplitOptions.RemoveEmptyEntries);
        var start = segments.Length > 0 && segments[0] == "v1" ? 1 : 0;
        return "/" + string.Join('/', segments.Skip(start));
    }

    private async Task HandleAsync(HttpContext context)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await HandleTimedAsync(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Add(ref _handlingTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
        }
    }

    private async Task HandleTimedAsync(HttpContext context)
    {
        var request = await RecordAsync(context).ConfigureAwait(false);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var method = context.Request.Method;
        try
        {
            var route = Route(request.Path);
            var segments = route.Split('/', StringSplitOptions.RemoveEmptyEntries);
            switch (route)
            {
                case "/files" when HttpMethods.IsPost(method):
                    await BatchEndpoints.UploadAsync(context, request, _batches).ConfigureAwait(false);
                    break;
                case "/batches" when HttpMethods.IsPost(method):
                    await BatchEndpoints.CreateAsync(context, request, _batches).ConfigureAwait(false);
                    break;
                case var _ when HttpMethods.IsGet(method) && segments is ["files", var fileId, "content"]:
                    await BatchEndpoints.ContentAsync(context, fileId, _batches).ConfigureAwait(false);
                    break;
                case var _ when HttpMethods.IsGet(method) && segments is ["batches", var batchId]:
                    await BatchEndpoints.GetAsync(context, batchId, this, _batches).ConfigureAwait(false);
                    break;
                case "/chat/completions" when HttpMethods.IsPost(method):
                    await ChatCompletionEndpoint.HandleAsync(context, request, this, linked.Token).ConfigureAwait(false);
                    break;
                case "/embeddings" when HttpMethods.IsPost(method):
                    if (EmbeddingLatency > TimeSpan.Zero)
                    {
                        await Task.Delay(EmbeddingLatency, linked.Token).ConfigureAwait(false);
                    }

                    await EmbeddingsEndpoint.HandleAsync(context, request).ConfigureAwait(false);
                    break;
                case "/models" when HttpMethods.IsGet(method):
                    await OpenAIWire.WriteJsonAsync(context, Models()).ConfigureAwait(false);
                    break;
                default:
                    await OpenAIWire.WriteErrorAsync(
                        context,
                        StatusCodes.Status404NotFound,
                        $"Unknown route {method} {request.Path}. The fake OpenAI server serves POST /v1/chat/completions, POST /v1/embeddings, GET /v1/models, POST /v1/files, GET /v1/files/ID/content, POST /v1/batches and GET /v1/batches/ID.",
                        "unknown_url").ConfigureAwait(false);
                    break;
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The client gave up (timeout test) or the server is stopping: nobody reads the answer.
        }
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "/", headers, body)
        {
            ReceivedAt = System.Diagnostics.Stopwatch.GetTimestamp(),
        };
        lock (_gate)
        {
            _requests.Add(request);
        }

        return request;
    }

    private static JsonObject Models()
    {
        var models = new JsonArray();
        foreach (var id in new[] { "gpt-4o-mini", "gpt-4o", "text-embedding-3-small" })
        {
            models.Add(new JsonObject { ["id"] = id, ["object"] = "model", ["created"] = 1_700_000_000, ["owned_by"] = "rpm-fake" });
        }

        return new JsonObject { ["object"] = "list", ["data"] = models };
    }
}
