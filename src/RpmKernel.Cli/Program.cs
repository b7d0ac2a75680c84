using RpmKernel.Cli;

return await CliApp.RunConsoleAsync(args);
