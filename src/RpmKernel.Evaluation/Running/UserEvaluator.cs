using System.Collections.Concurrent;
using RpmKernel.Core.Errors;
using RpmKernel.Core.Tasks;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.Evaluation.Methods;

namespace RpmKernel.Evaluation.Running;

/// <summary>
/// Evaluates one user: skips predictions already in the journals, ingests the user once (only when an
/// RPM method still has work) and shares that state across the RPM methods, and answers every pending
/// target with every method: the baselines while the ingest runs, the RPM methods after it.
/// </summary>
internal sealed class UserEvaluator
{
    private readonly EvalServices _services;
    private readonly TaskProfile _task;
    private readonly IReadOnlyList<EvalMethod> _methods;
    private readonly IReadOnlyDictionary<string, Journal> _predictions;
    private readonly Journal _ingests;
    private int _made;
    private int _failed;
    private int _skipped;

    public UserEvaluator(EvalServices services, TaskProfile task, IReadOnlyList<EvalMethod> methods, IReadOnlyDictionary<string, Journal> predictions, Journal ingests)
    {
        _services = services;
        _task = task;
        _methods = methods;
        _predictions = predictions;
        _ingests = ingests;
    }

    /// <summary>The first errors of each method's failed predictions in this run.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<string>> Errors { get; } = new(StringComparer.Ordinal);

    public int Made => Volatile.Read(ref _made);

    public int Failed => Volatile.Read(ref _failed);

    public int Skipped => Volatile.Read(ref _skipped);

    /// <summary>Evaluates <paramref name="user"/>; <paramref name="steps"/> hears its ingest stages and each answered prediction.</summary>
    public async Task EvaluateAsync(EvalUser user, IProgress<UserStep>? steps, CancellationToken cancellationToken)
    {
        var pending = _methods
            .Select(m => (Method: m, Targets: user.Targets.Where(t => !_predictions[m.Name].Lines.ContainsKey(t.Id)).ToList()))
            .ToList();
        Interlocked.Add(ref _skipped, (_methods.Count * user.Targets.Count) - pending.Sum(p => p.Targets.Count));
        if (pending.All(p => p.Targets.Count == 0))
        {
            return;
        }

        _services.Invoker.EnsureModelConfigured();
        var context = new UserContext(user, _task, _services.Runtime.Embeddings);
        var ingests = pending.Any(p => p.Method.NeedsIngest && p.Targets.Count > 0);
        var work = new UserWork(steps, ingests && !_ingests.Lines.ContainsKey(user.Id), user.History.Count,
            _services.Runtime.Options.Ingest.BatchSize, pending.Sum(p => p.Targets.Count));

        // The baselines read no RPM state, so they answer while the user's ingest is with the model, and the
        // RPM methods answer after it. Each lane answers its methods one after another, and no answer depends
        // on another method's calls, so the predictions and their calls are those of one method at a time.
        await UserLanes.RunAsync(
            ct => AnswerAsync(context, pending.Where(p => !p.Method.NeedsIngest).ToList(), work, ct),
            async ct =>
            {
                if (ingests)
                {
                    await IngestAsync(context, work.Ingest, ct).ConfigureAwait(false);
                    work.IngestFinished();
                }

                await AnswerAsync(context, pending.Where(p => p.Method.NeedsIngest).ToList(), work, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task AnswerAsync(UserContext context, IReadOnlyList<(EvalMethod Method, List<EvalTarget> Targets)> pending, UserWork work, CancellationToken cancellationToken)
    {
        foreach (var (method, targets) in pending)
        {
            for (var i = 0; i < targets.Count; i++)
            {
                var target = targets[i];
                try
                {
                    var answer = await method.AnswerAsync(context, target, cancellationToken).ConfigureAwait(false);
                    _predictions[method.Name].Append(new JournalLine
                    {
                        Id = target.Id,
                        Output = answer.Output,
                        Calls = answer.Usage.Calls,
                        InputTokens = answer.Usage.InputTokens,
                        OutputTokens = answer.Usage.OutputTokens,
                    });
                    Interlocked.Increment(ref _made);
                }
                catch (RpmModelOutputException ex)
                {
                    Interlocked.Increment(ref _failed);
                    Errors.GetOrAdd(method.Name, _ => new()).Enqueue($"{target.Id}: {ex.Message}");
                }

                work.Answered(method.Name, i + 1, targets.Count);
            }
        }
    }

    private async Task IngestAsync(UserContext context, IProgress<SemanticKernel.Pipeline.IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var userId = context.User.Id;
        if (_ingests.Lines.ContainsKey(userId))
        {
            context.Model = await _services.Runtime.Storage.UserModels.GetAsync(userId, _task.Name, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            var result = await _services.Runtime.Pipeline.IngestAsync(userId, _services.TaskArgument, context.User.History, progress: progress, cancellationToken: cancellationToken).ConfigureAwait(false);
            _ingests.Append(new JournalLine
            {
                User = userId,
                Items = result.Items,
                FailedItems = result.Failed.Count,
                Calls = result.Usage.Calls,
                InputTokens = result.Usage.InputTokens,
                OutputTokens = result.Usage.OutputTokens,
            });
            context.Model = result.Model;
        }
        catch (RpmInputException ex)
        {
            // A history the pipeline refuses (empty, duplicate ids) fails this user's RPM answers, not the run.
            foreach (var method in _methods.Where(m => m.NeedsIngest))
            {
                Errors.GetOrAdd(method.Name, _ => new()).Enqueue($"{userId}: ingest refused the history: {ex.Message}");
            }
        }
    }
}
