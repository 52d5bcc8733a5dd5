using BenchmarkDotNet.Running;

// CI runs a dry job: dotnet run -c Release --project tests/SecretsAbstractions.Benchmarks -- --job Dry --filter '*'
// The benchmarks run in this process (BenchmarkDotNet's --inProcess) unless --outOfProcess is given: no second
// build of the solution's projects into their shared obj folders, which other builds on the machine use too.
string[] arguments = args.Contains("--outOfProcess", StringComparer.Ordinal)
    ? [.. args.Where(arg => arg != "--outOfProcess")]
    : args.Contains("--inProcess", StringComparer.Ordinal) ? args : ["--inProcess", .. args];
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(arguments).ToList();

// A benchmark that throws (the stampede benchmark does when single-flight breaks) fails the run, so CI sees it.
bool failed = summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success));
return failed ? 1 : 0;
