using Rpm.Cli;

return await CliApp.RunConsoleAsync(args);
