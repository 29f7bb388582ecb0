export { WpsPort, WpsAdapterError } from "./wpsPort";
export { XL, bgr, type EtApiEvent, type EtApplication, type EtHost } from "./et";
