using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AqNano.Firmware.Tests;

/// <summary>The nanoFramework app cannot be built here (its packages are not served), so these
/// checks keep its project files honest: one set of versions (nf.props = packages.config, issue 3)
/// and every app source listed in the .nfproj.</summary>
public sealed class AppProjectConsistencyTests
{
    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "nf.props"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("nf.props not found above the test folder");
    }

    private static readonly Dictionary<string, string> PropertyByPackage = new()
    {
        ["nanoFramework.CoreLibrary"] = "NfCoreLibraryVersion",
        ["nanoFramework.M2Mqtt"] = "NfM2MqttVersion",
        ["nanoFramework.System.Device.Adc"] = "NfDeviceAdcVersion",
        ["nanoFramework.System.Device.I2c"] = "NfDeviceI2cVersion",
        ["nanoFramework.System.Device.Gpio"] = "NfDeviceGpioVersion",
        ["nanoFramework.Hardware.Esp32"] = "NfHardwareEsp32Version",
        ["nanoFramework.Hardware.Stm32"] = "NfHardwareStm32Version",
        ["nanoFramework.System.Device.Wifi"] = "NfDeviceWifiVersion",
        ["nanoFramework.System.Net"] = "NfSystemNetVersion",
        ["nanoFramework.Runtime.Native"] = "NfRuntimeNativeVersion",
        ["nanoFramework.Runtime.Events"] = "NfRuntimeEventsVersion",
        ["nanoFramework.System.Collections"] = "NfCollectionsVersion",
        ["nanoFramework.System.Text"] = "NfTextVersion",
        ["nanoFramework.System.Threading"] = "NfThreadingVersion",
        ["nanoFramework.System.Security.Cryptography"] = "NfCryptographyVersion",
        ["nanoFramework.System.IO.Streams"] = "NfStreamsVersion",
        ["nanoFramework.System.IO.FileSystem"] = "NfFileSystemVersion",
    };

    [Fact]
    public void Packages_config_pins_exactly_the_versions_of_nf_props()
    {
        string root = RepoRoot();
        var props = XDocument.Load(Path.Combine(root, "nf.props")).Descendants()
            .Where(e => e.Name.LocalName.StartsWith("Nf") && e.Name.LocalName.EndsWith("Version"))
            .ToDictionary(e => e.Name.LocalName, e => e.Value);
        var packages = XDocument.Load(Path.Combine(root, "firmware/AqNano.Firmware/packages.config"))
            .Descendants("package").ToList();
        Assert.Equal(PropertyByPackage.Count, packages.Count);
        foreach (var package in packages)
        {
            string id = package.Attribute("id")!.Value;
            Assert.True(PropertyByPackage.ContainsKey(id), $"{id} has no version property in nf.props");
            Assert.Equal(props[PropertyByPackage[id]], package.Attribute("version")!.Value);
        }
    }

    [Fact]
    public void Every_app_source_file_is_compiled_by_the_nfproj()
    {
        string app = Path.Combine(RepoRoot(), "firmware/AqNano.Firmware");
        string project = File.ReadAllText(Path.Combine(app, "AqNano.Firmware.nfproj"));
        var listed = Regex.Matches(project, "<Compile Include=\"([^\"*]+\\.cs)\"").Select(m => m.Groups[1].Value.Replace('\\', '/')).ToHashSet();
        var onDisk = Directory.GetFiles(app, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .Select(f => Path.GetRelativePath(app, f).Replace('\\', '/'));
        Assert.All(onDisk, file => Assert.Contains(file, listed));
        Assert.All(listed, file => Assert.True(File.Exists(Path.Combine(app, file)), $"{file} is listed but missing"));
    }
}
