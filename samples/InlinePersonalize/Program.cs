using RpmKernel.Samples;
using RpmKernel.Samples.InlinePersonalize;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await InlinePersonalizeSample.RunAsync(SampleConfiguration.Build(args), Console.Out, stop.Token);
