using System.Diagnostics;
using Npgsql;

namespace Aksara.Benchmarks.OnlineDdl;

/// <summary>
/// INSERTs into <c>bench_orders</c> at a fixed rate, as an application's traffic arrives whatever the database is doing:
/// write <c>n</c> is due at <c>n / rate</c> seconds, and whichever connection is free takes the next due write (a pool).
/// When every connection is stuck behind a lock, the writes that fall due meanwhile wait for one, and their latency,
/// measured from when they were due, says so. Each session has a <c>statement_timeout</c>, as an application with a
/// request timeout would: a write stuck longer fails, and is counted.
/// </summary>
internal sealed class SteadyWriteLoad : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly OnlineDdlOptions _options;
    private readonly string _codePrefix;
    private readonly List<Writer> _writers = [];
    private long _next = -1;
    private long _endTicks = long.MaxValue;

    /// <param name="codePrefix">Starts every written <c>code</c>: the values stay unique across variants and runs.</param>
    public SteadyWriteLoad(string databaseUrl, OnlineDdlOptions options, string codePrefix)
    {
        var builder = global::Aksara.DatabaseUrl.Parse(databaseUrl).ToConnectionStringBuilder();
        builder.ApplicationName = "aksara-bench-writer";
        builder.Options = $"-c statement_timeout={(long)options.WriteTimeout.TotalMilliseconds}";
        builder.MinPoolSize = 0;
        builder.MaxPoolSize = options.Connections;
        // A backstop only: the server's statement_timeout ends a stuck write well before this.
        builder.CommandTimeout = (int)Math.Ceiling(options.WriteTimeout.TotalSeconds) + 30;
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        _options = options;
        _codePrefix = codePrefix;
    }

    /// <summary>Opens and prepares every connection before the clock starts, so that the first writes measure the database, not the pool.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < _options.Connections; i++)
        {
            var writer = new Writer(this);
            _writers.Add(writer);
            await writer.OpenAsync(cancellationToken);
        }
    }

    /// <summary>No write is scheduled at or after <paramref name="at"/> (on the load's clock); the load ends once the due ones have.</summary>
    public void StopAt(TimeSpan at) => Interlocked.Exchange(ref _endTicks, at.Ticks);

    /// <summary>Runs until <see cref="StopAt"/>'s time, or until <paramref name="cancellationToken"/> (the run's bound) fires.</summary>
    public async Task<WriteLoadResult> RunAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        var samples = await Task.WhenAll(_writers.Select(writer => Task.Run(() => writer.RunAsync(clock, cancellationToken), CancellationToken.None)));
        return new WriteLoadResult(samples.SelectMany(list => list).ToList());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var writer in _writers)
            await writer.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    /// <summary>The next due write, or null once the schedule has ended.</summary>
    private (long Number, TimeSpan Due)? TakeNext()
    {
        var number = Interlocked.Increment(ref _next);
        var due = TimeSpan.FromSeconds(number / _options.Rate);
        return due.Ticks >= Interlocked.Read(ref _endTicks) ? null : (number, due);
    }

    /// <summary>One connection of the pool, with its prepared INSERT.</summary>
    private sealed class Writer(SteadyWriteLoad load) : IAsyncDisposable
    {
        private NpgsqlConnection? _connection;
        private NpgsqlCommand? _insert;

        public async Task OpenAsync(CancellationToken cancellationToken)
        {
            _connection = await load._dataSource.OpenConnectionAsync(cancellationToken);
            _insert = new NpgsqlCommand($"INSERT INTO {OnlineDdlSchemas.QualifiedOrders} (customer_id, amount, code, note) VALUES ($1, $2, $3, $4)", _connection)
            {
                Parameters = { new NpgsqlParameter<long>(), new NpgsqlParameter<int>(), new NpgsqlParameter<string>(), new NpgsqlParameter<string>() },
            };
            await _insert.PrepareAsync(cancellationToken);
        }

        public async Task<List<WriteSample>> RunAsync(Stopwatch clock, CancellationToken cancellationToken)
        {
            var samples = new List<WriteSample>();
            while (!cancellationToken.IsCancellationRequested && load.TakeNext() is { } next)
            {
                var (number, due) = next;
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(wait, cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
                var failure = await WriteAsync(number);
                samples.Add(new WriteSample(due, clock.Elapsed - due, failure));
            }
            return samples;
        }

        /// <summary>One INSERT; null when it succeeded, else why not. Not cancelled by the run's bound: it ends by itself.</summary>
        private async Task<string?> WriteAsync(long number)
        {
            try
            {
                if (_connection is not { State: System.Data.ConnectionState.Open })
                    await ReopenAsync();
                ((NpgsqlParameter<long>)_insert!.Parameters[0]).TypedValue = 1 + number * 7919 % load._options.Customers;
                ((NpgsqlParameter<int>)_insert.Parameters[1]).TypedValue = 1 + (int)(number % 1000);
                ((NpgsqlParameter<string>)_insert.Parameters[2]).TypedValue = $"{load._codePrefix}-{number}";
                ((NpgsqlParameter<string>)_insert.Parameters[3]).TypedValue = "live write";
                await _insert.ExecuteNonQueryAsync(CancellationToken.None);
                return null;
            }
            catch (PostgresException error)
            {
                return $"{error.SqlState}: {error.MessageText}";
            }
            catch (Exception error) when (error is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                return $"{error.GetType().Name}: {error.Message}";
            }
        }

        private async Task ReopenAsync()
        {
            await DisposeAsync();
            await OpenAsync(CancellationToken.None);
        }

        public async ValueTask DisposeAsync()
        {
            if (_insert is not null)
                await _insert.DisposeAsync();
            if (_connection is not null)
                await _connection.DisposeAsync();
            _insert = null;
            _connection = null;
        }
    }
}
