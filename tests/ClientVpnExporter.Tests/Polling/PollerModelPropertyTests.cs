using ClientVpnExporter.Polling;
using ClientVpnExporter.Tests.Polling.Model;
using CsCheck;

namespace ClientVpnExporter.Tests.Polling;

/// <summary>
/// Model-based: arbitrary sequences of traffic, sessions starting, ending and ageing out of the API's window,
/// endpoint deletions and re-creations, read and discovery faults, malformed fields and exporter restarts, against
/// the real <see cref="FleetPoller"/> reading a model fleet through the SDK's
/// paginators. After every poll: no exported counter decreases; the totals, per-user totals and ended-session counts
/// equal what the exporter could count of the ground truth; connection counts are those of a complete listing; the
/// endpoints served are those discovery still lists or has missed fewer than three times. A failure is shrunk by
/// CsCheck, and its message shows the sequence and how each step resolved.
/// </summary>
public class PollerModelPropertyTests
{
    private static readonly string[] GarbledIds = ["", "cvpn-connection-", "cvpn-connection-xyz!", "cvpn-endpoint-0000000000000000a", "cvpn-connection-01 23", "<script>"];
    private static readonly string[] GarbledCounters = ["", "12a", "-1", "1.5e9", " 42", "0x10"];

    private static readonly Gen<ReadFault> Fault = Gen.OneOf(ReadFault.Throttled, ReadFault.ServerError, ReadFault.FailsAfterFirstPage, ReadFault.NotFound);

    private static readonly Gen<Corruption> AnyCorruption = Gen.Frequency(
        (1, Gen.Select(Gen.Int[0, 3], Gen.Int[0, 15], Gen.OneOf(GarbledIds), (e, c, text) => new Corruption(e, c, FieldFault.GarbledId, 0, text))),
        (1, Gen.Select(Gen.Int[0, 3], Gen.Int[0, 15], Gen.Int[0, 3], Gen.OneOf(GarbledCounters), (e, c, field, text) => new Corruption(e, c, FieldFault.GarbledCounter, field, text))),
        (1, Gen.Select(Gen.Int[0, 3], Gen.Int[0, 15], Gen.Int[0, 3], (e, c, field) => new Corruption(e, c, FieldFault.AbsurdCounter, field, ModelFleet.AbsurdCounter))));

    private static readonly Gen<FleetOperation> Poll = Gen.Select(
        Gen.Frequency((5, Gen.Const(ReadFault.None)), (1, Gen.OneOf(ReadFault.Throttled, ReadFault.ServerError, ReadFault.FailsAfterFirstPage))),
        Gen.Frequency((6, Gen.Const(Array.Empty<int>())), (1, Gen.Int[0, 3].Array[1, 1])),
        Gen.Frequency((1, Gen.Const(Array.Empty<(int, ReadFault)>())), (1, Gen.Select(Gen.Int[0, 3], Fault).Array[1, 2])),
        Gen.Frequency((2, Gen.Const(Array.Empty<Corruption>())), (1, AnyCorruption.Array[1, 2])),
        (discovery, omitted, reads, corruptions) => (FleetOperation)new FleetOperation.Poll(discovery, omitted, reads, corruptions));

    // At most 42 advances of 30 minutes: a run stays under AWS's 24-hour session limit, past which the exporter
    // rightly takes an end time for a glitch.
    private static readonly Gen<FleetOperation> Advance =
        Gen.Select(Gen.Frequency((1, Gen.Int[1, 120]), (1, Gen.Int[600, 1800])), Gen.Int[0, 2000], (s, rate) => (FleetOperation)new FleetOperation.Advance(s, rate));

    private static readonly Gen<FleetOperation> Connect =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, FleetOperation.UserNames.Length - 1], (e, u) => (FleetOperation)new FleetOperation.Connect(e, u));

    private static readonly Gen<FleetOperation> Disconnect =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 15], (e, c) => (FleetOperation)new FleetOperation.Disconnect(e, c));

    /// <summary>The fleet before the exporter starts: endpoints, sessions, some ended, some traffic.</summary>
    private static readonly Gen<FleetOperation> Setup = Gen.Frequency(
        (1, Gen.Const((FleetOperation)new FleetOperation.CreateEndpoint())),
        (5, Connect),
        (1, Disconnect),
        (3, Advance));

    private static readonly Gen<FleetOperation> Step = Gen.Frequency(
        (6, Poll),
        (5, Advance),
        (4, Connect),
        (3, Disconnect),
        (1, Gen.Const((FleetOperation)new FleetOperation.CreateEndpoint())),
        (1, Gen.Int[0, 3].Select(e => (FleetOperation)new FleetOperation.DeleteEndpoint(e))),
        (1, Gen.Const((FleetOperation)new FleetOperation.Restart())));

    private static readonly FleetOperation CleanPoll = new FleetOperation.Poll(ReadFault.None, [], [], []);

    private static readonly Gen<IReadOnlyList<FleetOperation>> Run = Gen.Select(Setup.Array[0, 12], Step.Array[1, 30], (setup, steps) =>
        (IReadOnlyList<FleetOperation>)[new FleetOperation.CreateEndpoint(), .. setup, .. steps, CleanPoll]);

    [Fact]
    public void Poll_ArbitraryFaultsTrafficFleetChangesAndRestarts_KeepsEveryCountingPromise() => Check(withStateFile: false, iterations: 120);

    [Fact]
    public void Poll_WithStateFile_ArbitraryFaultsTrafficFleetChangesAndRestarts_KeepsEveryCountingPromiseAcrossRestarts() => Check(withStateFile: true, iterations: 60);

    // Sized to run in seconds; a failure is shrunk within the remaining iterations, and CsCheck_Seed (printed) replays it.
    private static void Check(bool withStateFile, int iterations)
    {
        Run.Sample(
            operations =>
            {
                using var run = new PollerModelRun(withStateFile);
                run.Run(operations);
            },
            iter: iterations,
            threads: 1, // Meters are process-wide: runs at once would read each other's series.
            print: operations => "\n" + string.Join('\n', operations.Select((o, i) => $"{i + 1}. {o}")));
    }
}
