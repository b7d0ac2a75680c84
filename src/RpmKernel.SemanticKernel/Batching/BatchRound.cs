namespace RpmKernel.SemanticKernel.Batching;

/// <summary>
/// One fan-out of stage calls whose first model requests go out together as a batch: every
/// participant (one batch of items, one clustering chunk) runs as it would online until its first
/// chat request, which the Batch API transport parks here instead of sending. When every participant
/// has parked a request or finished without one (a cache hit, a failure), the parked requests are
/// submitted together and each participant resumes with its own answer. Later requests of a
/// participant (a repair of an invalid answer, a retry item by item) go online.
/// Outside <see cref="Enable"/> it is a plain <see cref="Task.WhenAll(IEnumerable{Task})"/>.
/// </summary>
internal sealed class BatchRound
{
    private static readonly AsyncLocal<bool> Enabled = new();
    private static readonly AsyncLocal<Participant?> Ambient = new();

    private readonly Lock _gate = new();
    private readonly List<BatchRequest> _parked = [];
    private readonly int _participants;
    private readonly CancellationToken _cancellationToken;
    private int _settled;
    private bool _flushed;

    private BatchRound(int participants, CancellationToken cancellationToken)
    {
        _participants = participants;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The participant of the round on this async flow, or null outside one.</summary>
    public static Participant? Current => Ambient.Value;

    /// <summary>True when the next chat request on this flow will be parked for a batch (it takes no concurrency slot).</summary>
    public static bool WillPark => Ambient.Value is { CanPark: true };

    /// <summary>Lets the rounds on this async flow (until disposed) collect their requests into batches.</summary>
    public static IDisposable Enable() => new EnabledScope();

    /// <summary>Runs <paramref name="run"/> for every input, as one round when batching is enabled on this flow.</summary>
    public static Task WhenAll<T>(IReadOnlyList<T> inputs, Func<T, Task> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(run);
        if (!Enabled.Value || inputs.Count == 0)
        {
            return Task.WhenAll(inputs.Select(run));
        }

        var round = new BatchRound(inputs.Count, cancellationToken);
        return Task.WhenAll(inputs.Select(input => round.ParticipateAsync(input, run)));
    }

    /// <summary>Runs <paramref name="run"/> as a round of one: its first chat request goes out as a batch of its own.</summary>
    public static async Task<TResult> RunAsync<TResult>(Func<Task<TResult>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        TResult result = default!;
        await WhenAll([run], async r => result = await r().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return result;
    }

    // Setting the ambient participant inside this async method scopes it to this participant's flow.
    private async Task ParticipateAsync<T>(T input, Func<T, Task> run)
    {
        var participant = new Participant(this);
        Ambient.Value = participant;
        try
        {
            await run(input).ConfigureAwait(false);
        }
        finally
        {
            participant.Leave();
        }
    }

    private Task<BatchLine> Park(Participant participant, BatchRequest request)
    {
        List<BatchRequest>? flush;
        lock (_gate)
        {
            if (!participant.TrySettle() || _flushed)
            {
                throw new InvalidOperationException("This participant of the batch round has already settled; its requests go online.");
            }

            _parked.Add(request);
            flush = Settle();
        }

        Flush(flush);
        return request.Completion.Task;
    }

    private void Left(Participant participant)
    {
        List<BatchRequest>? flush;
        lock (_gate)
        {
            if (!participant.TrySettle())
            {
                return;
            }

            flush = Settle();
        }

        Flush(flush);
    }

    // Under the gate: the parked requests once every participant has settled, else null.
    private List<BatchRequest>? Settle()
    {
        _settled++;
        if (_settled < _participants || _flushed)
        {
            return null;
        }

        _flushed = true;
        return [.. _parked];
    }

    private void Flush(List<BatchRequest>? parked)
    {
        if (parked is null || parked.Count == 0)
        {
            return;
        }

        _ = Task.Run(() => FlushAsync(parked), CancellationToken.None);
    }

    private async Task FlushAsync(List<BatchRequest> parked)
    {
        await Task.WhenAll(parked.GroupBy(r => r.Transport).Select(async group =>
        {
            var requests = group.ToList();
            try
            {
                await group.Key.RunAsync(requests, _cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
            {
                requests.ForEach(r => r.Completion.TrySetCanceled(_cancellationToken));
            }
#pragma warning disable CA1031 // Whatever sank the batch is every parked request's failure, raised where each was made.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                requests.ForEach(r => r.Completion.TrySetException(ex));
            }
        })).ConfigureAwait(false);
    }

    /// <summary>One participant of a round: it may park its first chat request, once.</summary>
    internal sealed class Participant
    {
        private readonly BatchRound _round;
        private bool _settled;

        public Participant(BatchRound round)
        {
            _round = round;
        }

        /// <summary>True while this participant has neither parked a request nor finished, and its round has not gone out.</summary>
        public bool CanPark
        {
            get
            {
                lock (_round._gate)
                {
                    return !_settled && !_round._flushed;
                }
            }
        }

        /// <summary>Parks <paramref name="request"/> for the round's batch; the task completes with its line of the batch output.</summary>
        public Task<BatchLine> Park(BatchRequest request) => _round.Park(this, request);

        /// <summary>Marks the participant finished (it parked nothing, or its work is done).</summary>
        public void Leave() => _round.Left(this);

        // Under the round's gate.
        internal bool TrySettle()
        {
            if (_settled)
            {
                return false;
            }

            _settled = true;
            return true;
        }
    }

    private sealed class EnabledScope : IDisposable
    {
        private readonly bool _previous;

        public EnabledScope()
        {
            _previous = Enabled.Value;
            Enabled.Value = true;
        }

        public void Dispose() => Enabled.Value = _previous;
    }
}
