using Practice.Cli;

return CliApp.Run(args, Console.Out, Console.Error);
