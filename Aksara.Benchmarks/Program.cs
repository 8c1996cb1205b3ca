using Aksara.Benchmarks;
using Aksara.Benchmarks.Http;
using Aksara.Benchmarks.OnlineDdl;

// dotnet run -c Release --project Aksara.Benchmarks -- [BenchmarkDotNet arguments]     the in-process suite
// dotnet run -c Release --project Aksara.Benchmarks -- http --urls http://127.0.0.1:5080  the TechEmpower-style app
// dotnet run -c Release --project Aksara.Benchmarks -- ceiling                           pgbench and psql \copy only
// dotnet run -c Release --project Aksara.Benchmarks -- interleaved [--filter Fortunes,Range]  the same, interleaved
// dotnet run -c Release --project Aksara.Benchmarks -- online-ddl [--rows N] [--rate N] …     a migration on a live table
return args switch
{
    ["interleaved", .. var rest] => await InterleavedRunner.RunAsync(rest),
    ["http", .. var rest] => await HttpBenchmarkApp.RunAsync(rest),
    ["ceiling", .. var rest] => await SuiteLauncher.RunCeilingAsync(rest),
    ["online-ddl", .. var rest] => await OnlineDdlBenchmark.RunAsync(rest),
    _ => await SuiteLauncher.RunSuiteAsync(args),
};
