using RpmKernel.Cli.Hosting;
using RpmKernel.Evaluation.Gates;
using RpmKernel.Evaluation.Reports;

namespace RpmKernel.Cli.Commands;

/// <summary>The exit code of a finished <c>rpmk eval</c> whose predictions all succeeded: 3 with one stderr line per failed gate check, else 0.</summary>
internal static class EvalGateOutcome
{
    public static int ExitCode(EvalReport report, CliContext context)
    {
        if (report.Gate is not { Passed: false } gate)
        {
            return CliApp.Success;
        }

        foreach (var check in gate.Checks.Where(c => c.Failed))
        {
            context.Stderr.WriteLine("error: gate failed: " + RegressionGate.Describe(check) + ".");
        }

        return CliApp.GateFailed;
    }
}
