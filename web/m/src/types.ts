export interface Cat {
  ref: string;
  kind: 'event' | 'component';
  code: string;
  name: string;
  major_code: string;
  major_name: string;
}

export interface MapPoint {
  lon: number;
  lat: number;
}
