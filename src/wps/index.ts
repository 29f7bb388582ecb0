export { WpsPort, WpsAdapterError, bgr } from "./wpsPort";
export { XL, type EtApiEvent, type EtApplication, type EtHost } from "./et";
