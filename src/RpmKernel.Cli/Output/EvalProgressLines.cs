using System.Diagnostics;
using System.Globalization;
using RpmKernel.Evaluation.Running;

namespace RpmKernel.Cli.Output;

/// <summary>Progress of <c>rpmk eval</c> as plain lines on stderr (at most one a second, and the last one), so redirected output stays readable.</summary>
internal sealed class EvalProgressLines : IProgress<EvalProgress>
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);
    private readonly TextWriter _writer;
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _last;

    public EvalProgressLines(TextWriter writer) => _writer = writer;

    public void Report(EvalProgress value)
    {
        lock (_gate)
        {
            var finished = value.UsersTotal is { } total && value.UsersDone >= total;
            if (!finished && _last is { } last && _clock.Elapsed - last < s_interval)
            {
                return;
            }

            _last = _clock.Elapsed;
            var users = value.UsersTotal is { } n ? string.Create(CultureInfo.InvariantCulture, $"{value.UsersDone}/{n}") : value.UsersDone.ToString(CultureInfo.InvariantCulture);
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"eval: {users} users, {value.Predictions} predictions, {value.Failed} failed, {value.Skipped} already done"));
        }
    }
}
