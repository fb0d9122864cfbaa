using ClientVpnSimulator.Accounts;
using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Control;
using ClientVpnSimulator.Faults;
using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Organizations;
using ClientVpnSimulator.Permissions;
using ClientVpnSimulator.Regions;

namespace ClientVpnSimulator.Hosting;

/// <summary>The simulation behind one server.</summary>
/// <param name="Clock">The simulated clock.</param>
/// <param name="Fleet">The endpoints and their sessions, of every account.</param>
/// <param name="Accounts">The accounts and the credentials issued for their roles.</param>
/// <param name="Requests">Requests received per account and action.</param>
/// <param name="Faults">The fault set in force and the faults injected.</param>
/// <param name="Permissions">The actions denied.</param>
/// <param name="Organization">The organisation the accounts belong to.</param>
/// <param name="Regions">The regions enabled in each account.</param>
internal sealed record SimulatorCore(
    SimulationClock Clock,
    FleetSimulation Fleet,
    AccountDirectory Accounts,
    RequestCounters Requests,
    FaultInjectionStage Faults,
    PermissionPolicy Permissions,
    Organization Organization,
    AccountRegions Regions);
