using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Control;
using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Hosting;

/// <summary>The simulation behind one server: its clock, its fleet and its request counts.</summary>
/// <param name="Clock">The simulated clock.</param>
/// <param name="Fleet">The endpoints and their sessions.</param>
/// <param name="Requests">EC2 requests received per action.</param>
internal sealed record SimulatorCore(SimulationClock Clock, FleetSimulation Fleet, RequestCounters Requests);
