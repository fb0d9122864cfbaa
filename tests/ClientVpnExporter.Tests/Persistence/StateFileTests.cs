using System.Diagnostics;
using System.Diagnostics.Metrics;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Persistence;
using ClientVpnExporter.Tests.Security;
using ClientVpnExporter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ClientVpnExporter.Tests.Persistence;

public sealed class StateFileTests : IDisposable
{
    private static readonly DateTimeOffset CountingStart = new(2026, 3, 1, 12, 0, 5, TimeSpan.Zero);

    private readonly ScratchFolder folder = new();
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly StateFileMetrics selfMetrics;
    private readonly MetricCollector<long> errors;
    private readonly FakeLogger logger = new();

    public StateFileTests()
    {
        var meterFactory = this.services.GetRequiredService<IMeterFactory>();
        this.selfMetrics = new StateFileMetrics(meterFactory);
        this.errors = new MetricCollector<long>(meterFactory, ExporterMeter.Persistence, "clientvpn_exporter_state_file_errors");
    }

    [Fact]
    public void WriteThenRead_GivesTheLedgerBackAndLeavesNoTemporaryFile()
    {
        var file = this.FileNamed("state.json");
        file.Write(Document("cvpn-connection-0123456789abcdef0"));
        file.Write(Document("cvpn-connection-0123456789abcdef1"));

        var read = file.Read()!;

        var connection = Assert.Single(Assert.Single(read.Endpoints).Ledger.Connections);
        Assert.Equal("cvpn-connection-0123456789abcdef1", connection.Id);
        Assert.Equal(new TrafficCounters(10, 20, 3, 4), connection.Last);
        Assert.Equal(CountingStart, read.CountingStart);
        Assert.Equal(["state.json"], Directory.GetFileSystemEntries(this.folder.Path).Select(Path.GetFileName));
        Assert.Empty(this.errors.GetMeasurementSnapshot());
    }

    [Fact]
    public void Read_NoFile_IsNoStateAndNoError()
    {
        Assert.Null(this.FileNamed("state.json").Read());
        Assert.Empty(this.errors.GetMeasurementSnapshot());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{\"version\":1,\"endpoints\":[]}")] // Version 1 had no counting start: its connections would count whole.
    [InlineData("{\"version\":4,\"endpoints\":[]}")]
    [InlineData("{\"version\":3,\"endpoints\":[{\"account\":\"default\",\"description\":{\"endpointId\":\"cvpn-endpoint-0123456789abcdef0\",\"region\":\"us-east-1\",\"tags\":{}},\"ledger\":{\"sessionDurations\":[{\"posture\":\"none\",\"bucketCounts\":[1,1,1],\"sum\":60,\"count\":1}]}}]}")] // a histogram for other bounds
    [InlineData("{\"version\":3,\"endpoints\":[{\"account\":\"default\",\"description\":{\"endpointId\":\"cvpn-endpoint-0123456789abcdef0\",\"region\":\"us-east-1\",\"tags\":{}},\"ledger\":{\"sessionDurations\":[{\"posture\":\"none\",\"bucketCounts\":[2,1,1,1,1,1,1,1,1,1],\"sum\":60,\"count\":2}]}}]}")] // bucket counts that decrease
    [InlineData("{\"version\":3,\"endpoints\":[{\"account\":\"default\",\"description\":{\"endpointId\":\"cvpn-endpoint-0123456789abcdef0\",\"region\":\"us-east-1\",\"tags\":{}},\"ledger\":{\"sessionDurations\":[{\"posture\":\"none\",\"bucketCounts\":[0,0,0,0,0,0,0,0,0,0],\"sum\":-1,\"count\":0}]}}]}")] // a negative sum
    [InlineData("{\"version\":3,\"endpoints\":[{\"account\":\"default\",\"description\":{\"endpointId\":\"cvpn-endpoint-0123456789abcdef0\",\"region\":\"us-east-1\",\"tags\":{}},\"ledger\":{\"sessionDurations\":[{\"posture\":\"none\",\"bucketCounts\":[0,0,0,0,0,0,0,0,0,3],\"sum\":60,\"count\":2}]}}]}")] // a bucket above the count
    [InlineData("{\"version\":3,\"endpoints\":[{\"account\":\"default\",\"description\":{\"endpointId\":\"cvpn-endpoint-0123456789abcdef0\",\"region\":\"us-east-1\",\"tags\":{}},\"ledger\":{\"sessionDurations\":[{\"posture\":null,\"bucketCounts\":[0,0,0,0,0,0,0,0,0,0],\"sum\":0,\"count\":0}]}}]}")] // no posture
    [InlineData("{\"version\":2,\"endpoints\":[{\"account\":\"default\",\"description\":{\"endpointId\":\"x\",\"region\":\"us-east-1\"}}]}")]
    [InlineData("{\"version\":2,\"endpoints\":[{\"account\":\"default\",\"description\":{\"endpointId\":\"cvpn-endpoint-0123456789abcdef0\",\"region\":\"us-east-1\"},\"ledger\":{\"connections\":[{\"id\":\"c1\"}]}}]}")]
    [InlineData("{\"version\":2,\"endpoints\":[{\"account\":\"default\",\"description\":{\"endpointId\":\"cvpn-endpoint-0123456789abcdef0\",\"region\":\"us-east-1\"},\"absences\":7}]}")]
    public void Read_FileItCannotUse_IsNoStateCountedAndLogged(string text)
    {
        var file = this.FileNamed("state.json");
        File.WriteAllText(file.Path, text);

        Assert.Null(file.Read());
        Assert.Equal(1, this.errors.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Single(this.logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains(file.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void StateFile_RestoredLedger_ContinuesTheHistogram()
    {
        var ledger = SampleConnections.Ledger();
        var ended = SampleConnections.Ended("cvpn-connection-0123456789abcdef0", 1, TimeSpan.FromMinutes(10));
        var before = ledger.Apply(SampleConnections.Listing(ended), SampleConnections.Start).SessionDurations.Single().Durations;
        var file = this.FileNamed("state.json");
        var document = Document("cvpn-connection-0123456789abcdef1");
        document.Endpoints[0].Ledger = ledger.ToRecord();
        file.Write(document);

        var restored = EndpointLedger.FromRecord(file.Read()!.Endpoints.Single().Ledger, TimeSpan.FromHours(1), ReadingDetail.None, new CountingStart());
        var served = restored.TotalsOnly().SessionDurations.Single().Durations;
        var after = restored.Apply(
            SampleConnections.Listing(ended, SampleConnections.Ended("cvpn-connection-0123456789abcdef2", 1, TimeSpan.FromHours(2))),
            SampleConnections.Start).SessionDurations.Single().Durations;

        Assert.Equal(before.BucketCounts, served.BucketCounts.AsEnumerable());
        Assert.Equal((before.Sum, before.Count), (served.Sum, served.Count));
        Assert.Equal([0L, 0, 1, 1, 1, 2, 2, 2, 2, 2], after.BucketCounts.AsEnumerable());
        Assert.Equal((7800.0, 2L), (after.Sum, after.Count));
    }

    [Fact]
    public void Read_Version2File_LoadsWithItsTotalsAndEmptyHistograms()
    {
        // As an exporter that wrote version 2 left it: no session-duration histograms.
        var file = this.FileNamed("state.json");
        File.WriteAllText(file.Path, """
            {"version":2,"countingStart":"2026-03-01T12:00:05+00:00","endpoints":[{"account":"default",
            "description":{"endpointId":"cvpn-endpoint-0123456789abcdef0","region":"us-east-1","tags":{"Name":"vpn"}},"absences":1,
            "ledger":{"awaitsBaseline":false,"totals":[{"posture":"none","totals":{"ingressBytes":100,"egressBytes":200,"ingressPackets":30,"egressPackets":40}}],
            "connections":[{"id":"cvpn-connection-0123456789abcdef0","last":{"ingressBytes":10,"egressBytes":20,"ingressPackets":3,"egressPackets":4},
            "unknownFields":0,"lastReadAt":"1970-01-01T00:00:00+00:00","endObserved":false,"missed":0}],"users":[]}}]}
            """);

        var read = file.Read();

        Assert.NotNull(read);
        Assert.Equal(CountingStart, read.CountingStart);
        var reading = EndpointLedger.FromRecord(read.Endpoints.Single().Ledger, TimeSpan.FromHours(1), ReadingDetail.None, new CountingStart()).TotalsOnly();
        Assert.Equal(100UL, reading.Totals.Single().Totals.IngressBytes);
        Assert.Empty(reading.SessionDurations);
        Assert.Empty(this.errors.GetMeasurementSnapshot());
    }

    [Fact]
    public void Read_FileLargerThanTheBound_IsNotRead()
    {
        var file = this.FileNamed("state.json");
        using (var stream = File.Create(file.Path))
        {
            stream.SetLength(StateFile.MaxBytes + 1);
        }

        Assert.Null(file.Read());
        Assert.Contains(this.logger.Collector.GetSnapshot(), r => r.Message.Contains("larger than", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_DirectoryGone_IsCountedEachTimeLoggedOnceAndRecovers()
    {
        var directory = Path.Combine(this.folder.Path, "state");
        Directory.CreateDirectory(directory);
        var file = new StateFile(Path.Combine(directory, "state.json"), this.selfMetrics, this.logger);
        Directory.Delete(directory);

        file.Write(Document("cvpn-connection-0123456789abcdef0"));
        file.Write(Document("cvpn-connection-0123456789abcdef0"));
        Directory.CreateDirectory(directory);
        file.Write(Document("cvpn-connection-0123456789abcdef0"));

        Assert.Equal(2, this.errors.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Single(this.logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Single(this.logger.Collector.GetSnapshot(), r => r.Message.Contains("works again", StringComparison.Ordinal));
        Assert.NotNull(file.Read());
    }

    [Fact]
    public void ProblemWriting_MissingDirectoryOrADirectoryPath_IsReported()
    {
        Assert.Null(StateFile.ProblemWriting(this.folder.PathOf("state.json")));
        Assert.Contains("does not exist", StateFile.ProblemWriting(this.folder.PathOf("missing/state.json")), StringComparison.Ordinal);
        Assert.Contains("is a directory", StateFile.ProblemWriting(this.folder.Path), StringComparison.Ordinal);
    }

    [Fact]
    public void ProblemWriting_ADeviceOrANamedPipe_IsReported()
    {
        var pipe = this.NamedPipe("state.json");

        Assert.Contains("is not a regular file", StateFile.ProblemWriting("/dev/null"), StringComparison.Ordinal);
        Assert.Contains("is not a regular file", StateFile.ProblemWriting(pipe), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_NamedPipe_IsNotOpenedCountedAndLogged()
    {
        var file = new StateFile(this.NamedPipe("state.json"), this.selfMetrics, this.logger);

        // Opening a pipe for reading waits for a writer: a read that opened it would never return.
        var read = Task.Run(file.Read);
        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10))));

        Assert.Null(await read);
        Assert.Equal(1, this.errors.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Single(this.logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("not a regular file", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        this.errors.Dispose();
        this.selfMetrics.Dispose();
        this.services.Dispose();
        this.folder.Dispose();
    }

    private static StateDocument Document(string connectionId) => new()
    {
        Version = StateDocument.CurrentVersion,
        CountingStart = CountingStart,
        Endpoints =
        [
            new EndpointRecord
            {
                Account = "default",
                Description = new EndpointDescription { EndpointId = "cvpn-endpoint-0123456789abcdef0", Region = "us-east-1", Tags = new Dictionary<string, string> { ["Name"] = "vpn" } },
                Ledger = new LedgerRecord
                {
                    Totals = [new PostureTotals("none", new TrafficCounters(100, 200, 30, 40))],
                    Connections = [new ConnectionRecord { Id = connectionId, Last = new TrafficCounters(10, 20, 3, 4), LastReadAt = DateTimeOffset.UnixEpoch }],
                    Users = [new UserRecord { User = "alice", Totals = new TrafficCounters(1, 2, 3, 4), LastSeen = DateTimeOffset.UnixEpoch }],
                },
            },
        ],
    };

    private string NamedPipe(string name)
    {
        var path = this.folder.PathOf(name);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    private StateFile FileNamed(string name) => new(this.folder.PathOf(name), this.selfMetrics, this.logger);
}
