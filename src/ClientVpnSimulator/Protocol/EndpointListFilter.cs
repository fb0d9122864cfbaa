using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Protocol;

/// <summary>One filter name a per-endpoint Describe action knows, and the value of an item it compares.</summary>
/// <typeparam name="T">The listed item.</typeparam>
/// <param name="Name">The filter name, such as <c>destination-cidr</c>.</param>
/// <param name="ValueOf">The value for that filter of an item of an endpoint; null never matches.</param>
internal sealed record EndpointListFilter<T>(string Name, Func<EndpointProfile, T, string?> ValueOf);
