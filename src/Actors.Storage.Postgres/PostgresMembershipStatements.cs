using System.Net;
using Npgsql;

namespace Actors.Storage.Postgres;

/// <summary>The membership tables' SQL, how a <see cref="MembershipEntry"/> becomes a row and back, and how their errors are reported.</summary>
internal static class PostgresMembershipStatements
{
    private const string SiloColumns =
        "s.address, s.port, s.generation, s.silo_name, s.host_name, s.role_name, s.status, s.proxy_port, s.update_zone, " +
        "s.fault_zone, s.start_time, s.i_am_alive_time, s.suspecters, s.suspect_times, s.etag";

    private const string KeyMatches = "s.address = @address and s.port = @port and s.generation = @generation";

    // The silo rows are joined to the version row so that one statement (one snapshot) reads both: a version read
    // separately could belong to a newer table than the rows, and a write based on it would wrongly succeed.
    // The left join still answers the version when the cluster has no silo rows yet.
    public const string SelectVersionAndSilos =
        $"select v.version, v.etag, {SiloColumns} from actors_membership_versions v " +
        "left join actors_membership_silos s on s.cluster_id = v.cluster_id " +
        "where v.cluster_id = @cluster_id";

    public const string SelectVersionAndSilo =
        $"select v.version, v.etag, {SiloColumns} from actors_membership_versions v " +
        $"left join actors_membership_silos s on s.cluster_id = v.cluster_id and {KeyMatches} " +
        "where v.cluster_id = @cluster_id";

    // Run only after this transaction has moved the version (and holds its row lock), so no other writer of the cluster
    // can insert concurrently; "do nothing" turns an existing row into "0 rows", a refusal, instead of an aborted transaction.
    public const string InsertSilo =
        "insert into actors_membership_silos (cluster_id, address, port, generation, silo_name, host_name, role_name, status, " +
        "proxy_port, update_zone, fault_zone, start_time, i_am_alive_time, suspecters, suspect_times, etag) " +
        "values (@cluster_id, @address, @port, @generation, @silo_name, @host_name, @role_name, @status, @proxy_port, " +
        "@update_zone, @fault_zone, @start_time, @i_am_alive_time, @suspecters, @suspect_times, gen_random_uuid()) " +
        "on conflict (cluster_id, address, port, generation) do nothing";

    public const string UpdateSilo =
        "update actors_membership_silos s set silo_name = @silo_name, host_name = @host_name, role_name = @role_name, " +
        "status = @status, proxy_port = @proxy_port, update_zone = @update_zone, fault_zone = @fault_zone, " +
        "start_time = @start_time, i_am_alive_time = greatest(s.i_am_alive_time, @i_am_alive_time), " +
        "suspecters = @suspecters, suspect_times = @suspect_times, etag = gen_random_uuid() " +
        $"where s.cluster_id = @cluster_id and {KeyMatches} and s.etag = @etag";

    // A dead silo's last sign of life is the latest of its start, its heartbeat and the votes against it (greatest()
    // skips the null max of an empty vote list), as Orleans' cleanup agent reckons it.
    public const string DeleteDefunctSilos =
        "delete from actors_membership_silos s where s.cluster_id = @cluster_id and s.status = @dead " +
        "and greatest(s.start_time, s.i_am_alive_time, (select max(t) from unnest(s.suspect_times) t)) < @before";

    /// <summary>
    /// Runs a membership statement, translating outages as the journal does (<see cref="PostgresExceptionTransformer"/>):
    /// Orleans retries a failed membership call, and "storage unavailable" tells an operator why.
    /// </summary>
    public static async Task TranslateAsync(Func<Task> statement) => await TranslateAsync(async () =>
    {
        await statement();
        return true;
    });

    /// <inheritdoc cref="TranslateAsync(Func{Task})"/>
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> statement)
    {
        try
        {
            return await statement();
        }
        catch (Exception exception) when (PostgresExceptionTransformer.Transform(exception, appending: null) is { } translated)
        {
            throw translated;
        }
    }

    public static void AddKey(NpgsqlCommand command, SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        command.Parameters.AddWithValue("address", silo.Endpoint.Address.ToString());
        command.Parameters.AddWithValue("port", silo.Endpoint.Port);
        command.Parameters.AddWithValue("generation", silo.Generation);
    }

    public static void AddEntry(NpgsqlCommand command, MembershipEntry entry)
    {
        AddKey(command, entry.SiloAddress);
        var suspects = entry.SuspectTimes ?? [];
        command.Parameters.AddWithValue("silo_name", entry.SiloName ?? string.Empty);
        command.Parameters.AddWithValue("host_name", entry.HostName ?? string.Empty);
        command.Parameters.AddWithValue("role_name", (object?)entry.RoleName ?? DBNull.Value);
        command.Parameters.AddWithValue("status", entry.Status.ToString());
        command.Parameters.AddWithValue("proxy_port", entry.ProxyPort);
        command.Parameters.AddWithValue("update_zone", entry.UpdateZone);
        command.Parameters.AddWithValue("fault_zone", entry.FaultZone);
        command.Parameters.AddWithValue("start_time", Utc(entry.StartTime));
        command.Parameters.AddWithValue("i_am_alive_time", Utc(entry.IAmAliveTime));
        command.Parameters.AddWithValue("suspecters", suspects.Select(s => s.Item1.ToParsableString()).ToArray());
        command.Parameters.AddWithValue("suspect_times", suspects.Select(s => Utc(s.Item2)).ToArray());
    }

    /// <summary>Reads the rows of <see cref="SelectVersionAndSilos"/> or <see cref="SelectVersionAndSilo"/>.</summary>
    public static async Task<MembershipTableData> ReadTableAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        TableVersion? version = null;
        var silos = new List<Tuple<MembershipEntry, string>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            version ??= new TableVersion(reader.GetInt32(0), reader.GetGuid(1).ToString());
            if (!reader.IsDBNull(2))
            {
                silos.Add(ReadSilo(reader, offset: 2));
            }
        }

        // No version row: the cluster was never initialized, or its entries were deleted. Report an empty table at
        // version 0 whose etag matches nothing, so that every write is refused until a silo initializes the cluster.
        return new MembershipTableData(silos, version ?? new TableVersion(0, string.Empty));
    }

    /// <summary>Orleans' times are UTC; PostgreSQL's timestamptz takes only UTC values from Npgsql.</summary>
    public static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    private static Tuple<MembershipEntry, string> ReadSilo(NpgsqlDataReader reader, int offset)
    {
        var address = SiloAddress.New(
            IPAddress.Parse(reader.GetString(offset)), reader.GetInt32(offset + 1), reader.GetInt32(offset + 2));
        var suspecters = reader.GetFieldValue<string[]>(offset + 12);
        var suspectTimes = reader.GetFieldValue<DateTime[]>(offset + 13);
        var entry = new MembershipEntry
        {
            SiloAddress = address,
            SiloName = reader.GetString(offset + 3),
            HostName = reader.GetString(offset + 4),
            RoleName = reader.IsDBNull(offset + 5) ? null : reader.GetString(offset + 5),
            Status = Enum.Parse<SiloStatus>(reader.GetString(offset + 6)),
            ProxyPort = reader.GetInt32(offset + 7),
            UpdateZone = reader.GetInt32(offset + 8),
            FaultZone = reader.GetInt32(offset + 9),
            StartTime = reader.GetDateTime(offset + 10),
            IAmAliveTime = reader.GetDateTime(offset + 11),
            SuspectTimes = suspecters.Length == 0
                ? null
                : [.. suspecters.Zip(suspectTimes, (silo, time) => Tuple.Create(SiloAddress.FromParsableString(silo), time))],
        };
        return Tuple.Create(entry, reader.GetGuid(offset + 14).ToString());
    }
}
