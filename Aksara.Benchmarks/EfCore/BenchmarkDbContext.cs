using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Aksara.Benchmarks;

/// <summary>
/// EF Core's view of the benchmark tables, mapped onto the same classes the other variants read. Queries do not track
/// (the best case for reads); writes track, as EF needs them to.
/// </summary>
public sealed class BenchmarkDbContext(DbContextOptions<BenchmarkDbContext> options) : DbContext(options)
{
    public DbSet<World> Worlds => Set<World>();
    public DbSet<Fortune> Fortunes => Set<Fortune>();
    public DbSet<Item> Items => Set<Item>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<PayloadRow> Payloads => Set<PayloadRow>();
    public DbSet<BulkRow> BulkRows => Set<BulkRow>();

    /// <summary>A pool of contexts over <paramref name="dataSource"/> (which has the settings every variant shares).</summary>
    public static PooledDbContextFactory<BenchmarkDbContext> CreateFactory(NpgsqlDataSource dataSource)
    {
        var options = new DbContextOptionsBuilder<BenchmarkDbContext>()
            .UseNpgsql(dataSource)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .EnableThreadSafetyChecks(false)
            .Options;
        return new PooledDbContextFactory<BenchmarkDbContext>(options);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<World>(world =>
        {
            world.ToTable("world");
            world.Property(w => w.Id).HasColumnName("id").ValueGeneratedNever();
            world.Property(w => w.RandomNumber).HasColumnName("randomnumber");
        });
        modelBuilder.Entity<Fortune>(fortune =>
        {
            fortune.ToTable("fortune");
            fortune.Property(f => f.Id).HasColumnName("id").ValueGeneratedNever();
            fortune.Property(f => f.Message).HasColumnName("message");
        });
        modelBuilder.Entity<Item>(item =>
        {
            item.ToTable("items");
            item.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
            item.Property(i => i.Seq).HasColumnName("seq");
            item.Property(i => i.Name).HasColumnName("name");
            item.Property(i => i.Email).HasColumnName("email");
            item.Property(i => i.Price).HasColumnName("price").HasPrecision(10, 2);
            item.Property(i => i.IsActive).HasColumnName("is_active");
            item.Property(i => i.CreatedAt).HasColumnName("created_at");
        });
        modelBuilder.Entity<Document>(document =>
        {
            document.ToTable("documents");
            document.Property(d => d.Id).HasColumnName("id").ValueGeneratedNever();
            document.Property(d => d.Title).HasColumnName("title");
            document.Property(d => d.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()").ValueGeneratedOnAdd();
            document.OwnsOne(d => d.Body, body => body.ToJson("body"));
        });
        modelBuilder.Entity<PayloadRow>(payload =>
        {
            payload.ToTable("payloads");
            payload.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
            payload.OwnsOne(p => p.Data, data =>
            {
                data.ToJson("data");
                data.OwnsOne(d => d.Address);
            });
        });
        modelBuilder.Entity<BulkRow>(row =>
        {
            row.ToTable("bulk_rows");
            row.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
            row.Property(r => r.Seq).HasColumnName("seq");
            row.Property(r => r.Name).HasColumnName("name");
            row.Property(r => r.Score).HasColumnName("score");
            row.Property(r => r.CreatedAt).HasColumnName("created_at");
        });
    }
}
