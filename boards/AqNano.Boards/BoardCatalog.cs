namespace AqNano.Boards
{
    /// <summary>The supported boards by the names nf.props and the simulator use.</summary>
    public static class BoardCatalog
    {
        public const string Esp32DevKitCName = "Esp32DevKitC";
        public const string Esp32S3DevKitC1Name = "Esp32S3DevKitC1";
        public const string Stm32F769IDiscoveryName = "Stm32F769IDiscovery";

        public static readonly string[] Names = { Esp32DevKitCName, Esp32S3DevKitC1Name, Stm32F769IDiscoveryName };

        /// <summary>The profile named <paramref name="name"/>, or null when unknown.</summary>
        public static BoardProfile Find(string name)
        {
            if (name == Esp32DevKitCName) return Esp32DevKitC.Create();
            if (name == Esp32S3DevKitC1Name) return Esp32S3DevKitC1.Create();
            if (name == Stm32F769IDiscoveryName) return Stm32F769IDiscovery.Create();
            return null;
        }
    }
}
