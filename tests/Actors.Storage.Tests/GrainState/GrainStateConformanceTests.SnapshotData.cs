namespace Actors.Storage.Tests.GrainState;

public abstract partial class GrainStateConformanceTests
{
    [Fact]
    public async Task Snapshot_chunks_read_back_by_number_and_a_chunk_written_again_replaces_itself()
    {
        var snapshot = $"snap-{Guid.NewGuid():N}";
        var other = $"snap-{Guid.NewGuid():N}";

        await snapshotData.WriteSnapshotChunkAsync(snapshot, 0, "{\"id\":\"a\"}\n{\"id\":\"b\"}\n", Ct);
        await snapshotData.WriteSnapshotChunkAsync(snapshot, 1, "{\"id\":\"c\"}\n", Ct);
        await snapshotData.WriteSnapshotChunkAsync(snapshot, 1, "{\"id\":\"c\",\"again\":true}\n", Ct);
        await snapshotData.WriteSnapshotChunkAsync(other, 0, "{\"id\":\"z\"}\n", Ct);

        Assert.Equal("{\"id\":\"a\"}\n{\"id\":\"b\"}\n", await snapshotData.ReadSnapshotChunkAsync(snapshot, 0, Ct));
        Assert.Equal("{\"id\":\"c\",\"again\":true}\n", await snapshotData.ReadSnapshotChunkAsync(snapshot, 1, Ct));
        Assert.Null(await snapshotData.ReadSnapshotChunkAsync(snapshot, 2, Ct));
        Assert.Equal("{\"id\":\"z\"}\n", await snapshotData.ReadSnapshotChunkAsync(other, 0, Ct));
    }
}
