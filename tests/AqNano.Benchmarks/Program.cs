using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/AqNano.Benchmarks -- --job short --inProcess --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(AqNano.Benchmarks.ProtocolBenchmarks).Assembly).Run(args);
