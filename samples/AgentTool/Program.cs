using RpmKernel.Samples;
using RpmKernel.Samples.AgentTool;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await AgentToolSample.RunAsync(SampleConfiguration.Build(args), Console.Out, stop.Token);
