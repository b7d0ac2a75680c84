using RpmKernel.Samples;
using RpmKernel.Samples.PromptIteration;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await PromptIterationSample.RunAsync(SampleConfiguration.Build(args), Console.Out, stop.Token);
