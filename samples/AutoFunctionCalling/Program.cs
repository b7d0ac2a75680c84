using RpmKernel.Samples;
using RpmKernel.Samples.AutoFunctionCalling;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await AutoFunctionCallingSample.RunAsync(SampleConfiguration.Build(args), Console.Out, stop.Token);
