using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Messaging;

namespace Actors.Storage.Postgres;

/// <summary>Clusters Orleans silos, and points Orleans clients at them, through the membership tables in PostgreSQL.</summary>
public static class PostgresClusteringExtensions
{
    /// <summary>The configuration section whose values override the membership defaults set here.</summary>
    public const string MembershipSection = "Orleans:Membership";

    /// <summary>The key of the data source a client registers for its gateway list (a silo uses the journal's).</summary>
    public const string ClientDataSourceKey = "Actors.Storage.Postgres.Clustering";

    /// <summary>
    /// Makes the silo a member of the cluster recorded in PostgreSQL: every silo whose journal is the same database and
    /// whose <c>Orleans:ClusterId</c> is the same joins one cluster. Uses the <see cref="NpgsqlDataSource"/> registered by
    /// <see cref="PostgresJournalServiceCollectionExtensions.AddPostgresJournal"/>; the tables come with the journal's
    /// migrations. Sets the failure-detection defaults below; <c>Orleans:Membership</c> (any
    /// <see cref="ClusterMembershipOptions"/> property) overrides them.
    /// </summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IMembershipTable, PostgresMembershipTable>();
        builder.Services.AddSingleton<IGatewayListProvider, PostgresGatewayListProvider>();

        // A silo that dies without stopping (SIGKILL, a lost machine) keeps its grains unreachable until the others
        // declare it dead; until then every call to them fails. Orleans' defaults (5 s probes, 3 missed, 2 votes) took
        // 14 s to do so here; 1 s probes, 2 missed and 1 vote took 1.9 s (measured: docs ORLEANS.md). The price: one
        // silo's suspicion is enough, so a silo that is only slow (a long GC pause, a starved CPU) can be declared dead
        // and must restart. Orleans softens this: a silo that finds itself unhealthy extends its probe timeouts and stops
        // voting (ExtendProbeTimeoutDuringDegradation), and probes go through other silos before a vote
        // (EnableIndirectProbes). The journal stays correct either way: its unique key refuses a second writer.
        // When no live silo is left to vote (the only silo was killed and restarts on another port), a starting silo waits
        // until the dead ones' heartbeats in the table are older than IAmAliveTablePublishTimeout × NumMissedTableIAmAliveLimit:
        // 90 s with Orleans' defaults (measured here: a killed single silo restarted on new ports was ready after 92 s);
        // 5 s heartbeats and 2 missed make it 10 s. A silo restarting on its old address and port replaces its dead self at once.
        builder.Services.AddOptions<ClusterMembershipOptions>()
            .Configure(options =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(1);
                options.NumMissedProbesLimit = 2;
                options.NumVotesForDeathDeclaration = 1;
                options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
                options.NumMissedTableIAmAliveLimit = 2;
            })
            .Bind(builder.Configuration.GetSection(MembershipSection));
        return builder;
    }

    /// <summary>
    /// Lets an Orleans client find the cluster's gateways in the database at <paramref name="connectionString"/>; the
    /// client's <c>ClusterId</c> must be the silos'. The client opens its own small pool (registered under
    /// <see cref="ClientDataSourceKey"/>, disposed with the client's services) and only reads: it never changes the schema.
    /// </summary>
    public static IClientBuilder UsePostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddKeyedSingleton(ClientDataSourceKey, (_, _) => NpgsqlDataSource.Create(PostgresConnectionDefaults.Apply(connectionString)));
        builder.Services.AddSingleton<IGatewayListProvider>(provider => new PostgresGatewayListProvider(
            provider.GetRequiredKeyedService<NpgsqlDataSource>(ClientDataSourceKey),
            provider.GetRequiredService<IOptions<ClusterOptions>>(),
            provider.GetRequiredService<IOptions<GatewayOptions>>()));
        return builder;
    }
}
