using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Messaging;

namespace Actors.Storage.Postgres;

/// <summary>
/// Tells Orleans clients where the cluster's gateways are: the client ports of the silos the membership table
/// (<see cref="PostgresMembershipTable"/>) lists as active. A silo that is joining, stopping or dead is left out, and so is
/// one without a client port (proxy port 0). Orleans asks again every <see cref="MaxStaleness"/>.
/// </summary>
internal sealed class PostgresGatewayListProvider(
    NpgsqlDataSource dataSource, IOptions<ClusterOptions> clusterOptions, IOptions<GatewayOptions> gatewayOptions) : IGatewayListProvider
{
    private readonly string _clusterId = clusterOptions.Value.ClusterId;

    public TimeSpan MaxStaleness => gatewayOptions.Value.GatewayListRefreshPeriod;

    [Obsolete("Orleans treats every provider as updatable.")]
    public bool IsUpdatable => true;

    /// <summary>Nothing to prepare: the client reads tables the silos create; it never migrates the schema.</summary>
    public Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken = default) =>
        PostgresMembershipStatements.TranslateAsync<IList<Uri>>(async () =>
        {
            await using var command = dataSource.CreateCommand(
                "select address, proxy_port, generation from actors_membership_silos " +
                "where cluster_id = @cluster_id and status = @active and proxy_port > 0");
            command.Parameters.AddWithValue("cluster_id", _clusterId);
            command.Parameters.AddWithValue("active", nameof(SiloStatus.Active));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var gateways = new List<Uri>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var gateway = SiloAddress.New(IPAddress.Parse(reader.GetString(0)), reader.GetInt32(1), reader.GetInt32(2));
                gateways.Add(gateway.ToGatewayUri());
            }

            return gateways;
        });

    public Task InitializeGatewayListProvider() => InitializeGatewayListProviderAsync(CancellationToken.None);

    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync(CancellationToken.None);
}
