using BenchmarkDotNet.Running;

// Runs the benchmarks named on the command line, for example `--filter *Parser*`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
