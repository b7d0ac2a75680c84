using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using RpmKernel.Core.Errors;
using RpmKernel.Evaluation.Reports;
using RpmKernel.Evaluation.Running;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Evaluation.Comparing;

/// <summary>
/// Runs every variant of a comparison on the same sampled users, split and targets, each into
/// <c>variants/&lt;name&gt;/</c>, with the ingest shared by variants of equal <see cref="IngestFingerprint"/>
/// (<c>ingest/&lt;fingerprint&gt;/</c>: store, response cache and ingest journal), then writes the
/// comparison report. A rerun into the same folder is free: journals skip finished work.
/// </summary>
internal static class CompareRunner
{
    public static async Task<EvalReport> RunAsync(
        RpmOptions rpmOptions,
        EvalOptions options,
        IProgress<EvalProgress>? progress,
        ILoggerFactory? loggerFactory,
        IEmbeddingGenerator<string, Embedding<float>>? embeddings,
        CancellationToken cancellationToken)
    {
        if (options.Gate is not null || options.MaxDrop.Count > 0)
        {
            throw new RpmInputException("--gate checks one configuration against a baseline report; run the comparison without --gate and --max-drop, or gate each version in its own run.");
        }

        var output = Path.GetFullPath(options.OutputDirectory);
        var baseModel = rpmOptions.Chat.Model;
        var baseVersions = rpmOptions.Prompts.Versions;
        try
        {
            var axes = VariantGrid.Parse(options.Compare, options.CompareModels, PromptLibrary.Load(rpmOptions.Prompts).BaselineNames);
            var variants = VariantGrid.Variants(axes);

            // Every variant's prompts are read and checked before the first model call.
            var fingerprints = new Dictionary<EvalVariant, string>();
            foreach (var variant in variants)
            {
                var baselines = Apply(rpmOptions, variant, baseModel, baseVersions);
                var library = PromptLibrary.Load(rpmOptions.Prompts);
                foreach (var (name, version) in baselines)
                {
                    _ = library.GetBaseline(name, version);
                }

                fingerprints[variant] = IngestFingerprint.Of(rpmOptions);
            }

            Directory.CreateDirectory(output);
            RunManifest.Of(options).Claim(output);
            var phases = new PhaseReporter(progress);
            var runs = new Dictionary<EvalVariant, VariantRun>();
            foreach (var variant in variants)
            {
                var baselines = Apply(rpmOptions, variant, baseModel, baseVersions);
                var layout = new RunLayout(Path.Combine(output, "variants", variant.Folder), Path.Combine(output, "ingest", fingerprints[variant]));
                var run = await EvalRunner.RunVariantAsync(rpmOptions, options with { BaselineVersions = baselines }, layout, phases, loggerFactory, embeddings, cancellationToken).ConfigureAwait(false);
                await ReportWriter.WriteAsync(run.Report, layout.Report, cancellationToken).ConfigureAwait(false);
                runs[variant] = run;
            }

            var comparisons = Compare(axes, variants, runs, options, phases, cancellationToken);
            var first = runs[variants[0]].Report;
            var report = first with
            {
                Methods = first.Methods.Select(m => m with { PredictionsFile = Path.Combine("variants", variants[0].Folder, m.PredictionsFile) }).ToList(),
                Comparison = comparisons,
                Variants = variants.Select(v => new VariantSummary
                {
                    Name = v.Name,
                    Directory = Path.Combine("variants", v.Folder),
                    IngestStore = Path.Combine("ingest", fingerprints[v]),
                    Model = runs[v].Report.Model,
                    Methods = runs[v].Report.Methods,
                    Preprocessing = runs[v].Report.Preprocessing,
                }).ToList(),
            };
            await ReportWriter.WriteAsync(report, output, cancellationToken).ConfigureAwait(false);
            return report;
        }
        finally
        {
            rpmOptions.Chat.Model = baseModel;
            rpmOptions.Prompts.Versions = baseVersions;
        }
    }

    /// <summary>Every comparison of the grid, one after another, each reporting its resampling (a run of many users takes seconds per metric).</summary>
    private static List<VariantComparison> Compare(
        IReadOnlyList<CompareAxis> axes, IReadOnlyList<EvalVariant> variants, Dictionary<EvalVariant, VariantRun> runs, EvalOptions options, PhaseReporter phases, CancellationToken cancellationToken)
    {
        var jobs = VariantGrid.Pairs(axes, variants).SelectMany(p => runs[p.A].Report.Methods.Select(m => (Pair: p, m.Method))).ToList();
        var comparisons = new List<VariantComparison>(jobs.Count);
        foreach (var ((axis, a, b), method, index) in jobs.Select((j, i) => (j.Pair, j.Method, i)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var label = string.Create(CultureInfo.InvariantCulture,
                $"{PhaseReporter.ComparingActivity} {(axis.IsModel ? "model" : axis.Key)} {a.ValueOf(axis.Key)} → {b.ValueOf(axis.Key)}, {method} ({index + 1}/{jobs.Count})");
            Action<string, double>? progress = phases.IsListened ? (what, share) => phases.Phase($"{label}: {what}", (index + share) / jobs.Count) : null;
            comparisons.Add(ComparisonBuilder.Compare(axis, a, b, runs[a], runs[b], method, options.Resamples, options.Seed, progress));
        }

        phases.Completed();
        return comparisons;
    }

    /// <summary>Sets the variant's model and RPM stage versions on <paramref name="options"/>; returns its baseline prompt versions.</summary>
    private static Dictionary<string, string> Apply(RpmOptions options, EvalVariant variant, string baseModel, Dictionary<string, string> baseVersions)
    {
        options.Chat.Model = variant.Model ?? baseModel;
        options.Prompts.Versions = new Dictionary<string, string>(baseVersions, StringComparer.OrdinalIgnoreCase);
        var baselines = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, version) in variant.Prompts)
        {
            if (RpmStage.All.Contains(key, StringComparer.Ordinal))
            {
                options.Prompts.Versions[key] = version;
            }
            else
            {
                baselines[key] = version;
            }
        }

        return baselines;
    }
}
