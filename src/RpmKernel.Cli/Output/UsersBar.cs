using System.Globalization;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Prompts;
using Spectre.Console;

namespace RpmKernel.Cli.Output;

/// <summary>
/// The one bar of a multi-user ingest: users done plus the finished share of each user in flight (its
/// three stages, a third each), so it moves while users run, and the last stage heard in its description.
/// </summary>
internal sealed class UsersBar
{
    private readonly ProgressTask _bar;
    private readonly int _total;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _inFlight = new(StringComparer.Ordinal);
    private int _done;

    public UsersBar(ProgressTask bar, int total)
    {
        _bar = bar;
        _total = total;
    }

    /// <summary>The ingest progress of one user.</summary>
    public IProgress<IngestProgress> For(string userId) => new UserStages(this, userId);

    /// <summary>Counts <paramref name="userId"/> as done.</summary>
    public void Finished(string userId)
    {
        lock (_gate)
        {
            _inFlight.Remove(userId);
            _done++;
            Draw(string.Create(CultureInfo.InvariantCulture, $"user {userId} done"));
        }
    }

    /// <summary>The finished share of a user's ingest after <paramref name="value"/>: a third per stage.</summary>
    public static double Share(IngestProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var stage = value.Total <= 0 ? 0 : Math.Clamp(value.Done / (double)value.Total, 0, 1);
        return value.Stage switch
        {
            RpmStage.ExtractFeatures => stage / 3,
            RpmStage.ClusterFactors => (1 + stage) / 3,
            RpmStage.ConstructReasoning => (2 + stage) / 3,
            _ => 0,
        };
    }

    private void Moved(string userId, IngestProgress value)
    {
        lock (_gate)
        {
            _inFlight[userId] = Math.Max(_inFlight.GetValueOrDefault(userId), Math.Min(Share(value), 0.999));
            Draw(string.Create(CultureInfo.InvariantCulture, $"user {userId}: {value.Stage} {value.Done}/{value.Total}"));
        }
    }

    private void Draw(string activity)
    {
        _bar.Value = Math.Max(_bar.Value, _done + _inFlight.Values.Sum());
        _bar.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{_done}/{_total} users; {activity}"));
    }

    private sealed class UserStages(UsersBar bar, string userId) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => bar.Moved(userId, value);
    }
}
