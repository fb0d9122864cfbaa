using System.Collections;
using System.Globalization;
using System.Xml.Linq;

namespace ClientVpnSimulator.Tests.Support;

/// <summary>
/// Checks that every element the simulator wrote reached the SDK object the SDK made of it, with the same value.
/// The SDK silently skips elements it does not know, so a misnamed element would otherwise go unnoticed.
/// </summary>
public static class SdkRoundTrip
{
    // Where the SDK property is not the element name in PascalCase.
    private static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal)
    {
        ["postureComplianceStatusSet"] = "PostureComplianceStatuses",
        ["securityGroupIdSet"] = "SecurityGroupIds",
        ["tagSet"] = "Tags",
    };

    /// <summary>Asserts every child of <paramref name="element"/> is carried by <paramref name="sdkObject"/>; returns the paths checked.</summary>
    public static IReadOnlyList<string> AssertCarried(XElement element, object sdkObject, string path = "")
    {
        var checkedPaths = new List<string>();
        foreach (var child in element.Elements())
        {
            var name = child.Name.LocalName;
            var childPath = $"{path}/{name}";
            var propertyName = Renames.GetValueOrDefault(name, char.ToUpperInvariant(name[0]) + name[1..]);
            var property = sdkObject.GetType().GetProperty(propertyName);
            Assert.True(property is not null, $"{childPath}: the SDK type {sdkObject.GetType().Name} has no property {propertyName}");
            var value = property!.GetValue(sdkObject);
            checkedPaths.Add(childPath);
            if (!child.HasElements && child.Value.Length == 0)
            {
                // An empty list element: the SDK leaves the list null or empty.
                Assert.True(value is null || value is ICollection { Count: 0 }, $"{childPath}: expected nothing, got {value}");
                continue;
            }

            Assert.True(value is not null, $"{childPath}: the SDK dropped the element (property {propertyName} is null)");
            if (!child.HasElements)
            {
                Assert.Equal(child.Value, Format(value!));
            }
            else if (child.Elements().All(e => e.Name.LocalName == "item"))
            {
                var items = child.Elements().ToList();
                var list = Assert.IsAssignableFrom<IList>(value);
                Assert.Equal(items.Count, list.Count);
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i].HasElements)
                    {
                        checkedPaths.AddRange(AssertCarried(items[i], list[i]!, $"{childPath}/item"));
                    }
                    else
                    {
                        Assert.Equal(items[i].Value, Format(list[i]!));
                    }
                }
            }
            else
            {
                checkedPaths.AddRange(AssertCarried(child, value!, childPath));
            }
        }

        return checkedPaths;
    }

    private static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };
}
