using DataAccessBroker.Benchmarks;

return await BenchCommandLine.RunAsync(args, Console.Out, Console.Error);
