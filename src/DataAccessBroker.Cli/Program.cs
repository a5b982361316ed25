using DataAccessBroker.Cli;

return await DabCli.RunAsync(args, Console.Out, Console.Error);
