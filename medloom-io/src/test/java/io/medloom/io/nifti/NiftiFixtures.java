package io.medloom.io.nifti;

/**
 * Tiny NIfTI files written by nibabel 5.0.0 (Debian /usr/bin/python3) and the values nibabel reads
 * back ({@code img.get_fdata()} over finite voxels, {@code img.affine}, {@code
 * nib.aff2axcodes(img.affine)}; for RGB24 {@code np.asanyarray(img.dataobj)['R']} etc.). Generated
 * by gen_nifti.py (next to this file; run it with /usr/bin/python3 in a scratch dir;
 * scl_slope/scl_inter were patched into the header bytes after nib.save because nibabel recomputes
 * them); the files are gzipped and base64-encoded. Do not edit by hand.
 */
final class NiftiFixtures {
  private NiftiFixtures() {}

  record Fixture(
      String name,
      String ext,
      int[] dims,
      int datatype,
      double sum,
      double min,
      double max,
      int nonFinite,
      double v121,
      double v234,
      double[][] affine,
      String axisCodes,
      String nii,
      String hdr,
      String img) {}

  static final Fixture[] ALL = {
    new Fixture(
        "u1_pair",
        "hdr",
        new int[] {3, 4, 5, 1},
        2,
        7224.0,
        0.0,
        240.0,
        0,
        128.0,
        192.0,
        new double[][] {
          {0.0, 0.0, -2.5, 40.0},
          {1.5, 0.0, 0.0, -30.0},
          {0.0, 3.0, 0.0, 12.0},
          {0.0, 0.0, 0.0, 1.0}
        },
        "ASL",
        null,
        "H4sIAAAAAAACA4thZCAKMAMhCwMrAyMUogImBg4w3bCfgeGAPQODgwMDgwIQN9ijYrAae0J2pWVWlJQWpSqUGsYXJGYWMdAOMIEIewRWcGJg+HAQ6H5HhBqFAxDxA0juBqkBAZA/wbQjusl5mYYMABPyARFcAQAA",
        "H4sIAAAAAAACAwE8AMP/AJQ0yGgInDzQcBCkRNh4GKxM4IAgtFToiCi8XPCQMMRkBJg4zGwMoEDUdBSoSNx8HLBQ5IQkuFjsjCzA+2WZNDwAAAA="),
    new Fixture(
        "i1",
        "nii",
        new int[] {3, 4, 5, 1},
        256,
        24.0,
        -120.0,
        120.0,
        0,
        8.0,
        72.0,
        new double[][] {
          {0.0, 0.0, -2.5, 40.0},
          {1.5, 0.0, 0.0, -30.0},
          {0.0, 3.0, 0.0, 12.0},
          {0.0, 0.0, 0.0, 1.0}
        },
        "ASL",
        "H4sIAAAAAAACA4thZCAKMAMhCwMrAyMUogFGDjDVsJ+B4YA9A4ODAwODAhA32KPiDc4QGj9Iy6woKS1KVcg0ZKAxYAIR9gis4MTA8OEg0P2OCDUKByDiB5DcDVIDAiB/gmlHdJPztCGO75DZE/BhgsqRiB8zdM4kMCwwuZLBscLmToHABpcnFRI7fN70KBwI+TJF40TMnzkGF1JYlljcyOFZ4/CgRGSLBwBqersanAEAAA==",
        null,
        null),
    new Fixture(
        "i2_be_scaled",
        "nii",
        new int[] {3, 4, 5, 1},
        4,
        2400.0,
        -15010.0,
        14990.0,
        0,
        990.0,
        8990.0,
        new double[][] {
          {0.0, 0.0, -2.5, 40.0},
          {1.5, 0.0, 0.0, -30.0},
          {0.0, 3.0, 0.0, 12.0},
          {0.0, 0.0, 0.0, 1.0}
        },
        "ASL",
        "H4sIAAAAAAACA2NgYIxhIAYwAyELAysDIxSiAhYGAQaG/Q0MDPYHGBgcHIBYAchuQMXOG4A0UPFBBfxWpWVWlJQWpSpkGsUnpcYXJyfmpKYw0AYwgdwDw05Adx38wMDg6IBQcEABIg7yFwyA1ICAA1QdsnoYyNM2BNNdF6Qj9s7wU/iQMGmBssbRjNAPPwxmFWj9OGsRCzRxkYPRiascqRPYL6wSsJpx50ZuAv+CjQ+cMp6sKDUQL9i5wcviTUXfDnmHgw1BHF88pnWoC5wMiLzxR2JehN6DiwqJK5hfLNMw23DjQ2YF9461P+waHhwo9BDu2HrCLQAAKsUZftgBAAA=",
        null,
        null),
    new Fixture(
        "u2_nifti2",
        "nii",
        new int[] {3, 4, 5, 1},
        512,
        2106000.0,
        5000.0,
        65000.0,
        0,
        37000.0,
        53000.0,
        new double[][] {
          {0.0, 0.0, -2.5, 40.0},
          {1.5, 0.0, 0.0, -30.0},
          {0.0, 3.0, 0.0, 12.0},
          {0.0, 0.0, 0.0, 1.0}
        },
        "ASL",
        "H4sIAAAAAAACA5NhYmDI0zZi4OWS4mJgEmBgZoAAGM0CpVmhNCMBGj/4sB9C/7CH0BwOUFug9Ad7XLQCE4o59gxkgrTMipLSolSFUqP4vMy0kkwjBtoBhJMf2DOi0RBxF6i/7Q5AaA0H7CaxHEBV/wOH/2HmwAAHmnm4zMcNOoQFlgS43bgmURkh/WC1gt+Key8aNJQ3bP4QWvFsR8cPrYbdB2I93nVMOGEUcHhCqsS3iBkzrBROJ+S++KuxIMPpwyWD0gLxH8stvA7cYqh1kD+xniNowqMLLQLqM7bfiEx4taDngV7G/hWJBp8Kpmwwszhekcnwy2FOgx3HeQACZ2EVmAIAAA==",
        null,
        null),
    new Fixture(
        "i4_pair_be",
        "hdr",
        new int[] {3, 4, 5, 1},
        8,
        420000000.0,
        -2100000000.0,
        2100000000.0,
        0,
        140000000.0,
        1260000000.0,
        new double[][] {
          {0.0, 0.0, -2.5, 40.0},
          {1.5, 0.0, 0.0, -30.0},
          {0.0, 3.0, 0.0, 12.0},
          {0.0, 0.0, 0.0, 1.0}
        },
        "ASL",
        null,
        "H4sIAAAAAAACA2NgYIxhIAYwAyELAysDIxSiAg4GBQaG/Q0MDPYHGBgcHIAYyLdvQMUgAKPxgbTMipLSolSFTJP4gsTMovikVAZaASZ7kJug2Ano5oMfGBgcHRAKDihAxEH+ggGQGhBwgKpDVg8DeZmGDAA8Sfw0XAEAAA==",
        "H4sIAAAAAAACAwHwAA//gtSLAB00zoC5EgqAU3JOAO9PigCLLMYAJY0JgMFqRYBbyokA96fFAJOFAQAt5USAycKAgGQixAAAAAAAm908ADY9f4DSGruAbHr/AAhYOwCkNXcAPpW6gNpy9oB00zoAELB2AKyNsgBG7fWA4ssxgH0rdQAZCLEAtOXtAE9GMIDrI2yAhwCogCFg7AC9PigAV55rgPN7p4CPWOOAKbknAMWWYwBf9qaA+9PigJexHoAyEWIAze6eAGhO4YAELB2AoAlZgDppnQDWRtkAcKccgAyEWICoYZSAQsHYAN6fFAB4/1eAFNyTgLC5z4BLGhMANYLQ+/AAAAA="),
    new Fixture(
        "u4",
        "nii",
        new int[] {3, 4, 5, 1},
        768,
        126420000300.0,
        5.0,
        4200000005.0,
        0,
        2240000005.0,
        3360000005.0,
        new double[][] {
          {1.8003318828116126, -0.6184010988343954, 0.19774024828638218, 40.0},
          {0.5921825879090432, 1.9000697651279972, -0.14375074979726915, -30.0},
          {-0.0901391818032148, 0.13158557562483922, 3.005034847859972, 12.0},
          {0.0, 0.0, 0.0, 1.0}
        },
        "RAS",
        "H4sIAAAAAAACA4thZCAKMAMhCwMrAyMUoksrgKkG+5d3Ptm/12BwUPvq4ADio+INzhAaP0jLrCgpLUpVKDVhoCkA+SI78rWNyp5XNtskFO0YGBScGBg+HGRgcHBMS3tmP2um5P5ZM2eCxYFse2Pjz1C3g9QwMJw94wOUA/nTwRHd7DxtQzDNCsStzgmzWuttzVgPz73A+r8qh9U6gqO1bsei1l1T7Vj/fb3BanW5hLVsg0DrToHVrV/furFa+j1kLdWuZd3IIdn6JWNzq4GbP2vJspesG5pbWd8kKLbqH9zdmj0vnHX9v4+sr2/3sqrv1GzNkjzSuuxbPOursF+saibTWJMEjVqXFp5pfeiX0Sqrw8Ka2DOPdW6mVeuDk1daZZYXtEa08LDOebKM9cZBp1Zppbut4f8rWiffEWG9brOeVVjKuzWs6mnrpPDG1nMmsqxCU7ez+hUFt0689Lb17PrOVs5eVVbft/tZO09Ft57R+tbKwTGp1eWpLmuH6wkANgiFtVACAAA=",
        null,
        null),
    new Fixture(
        "f4_qform",
        "nii",
        new int[] {3, 4, 5, 1},
        16,
        228.8499991297722,
        -7.25,
        14.949999809265137,
        2,
        4.590000152587891,
        10.510000228881836,
        new double[][] {
          {1.8003318828116126, -0.6184010988343954, 0.19774024828638218, 40.0},
          {0.5921825879090432, 1.9000697651279972, -0.14375074979726915, -30.0},
          {-0.0901391818032148, 0.13158557562483922, 3.005034847859972, 12.0},
          {0.0, 0.0, 0.0, 1.0}
        },
        "RAS",
        "H4sIAAAAAAACA4thZCAKMAMhCwMrAyMUogIBBgUw3WD/8s4n+/caDA5qXx0cQHxUvMEZQuMHaZkVJaVFqQppJvGFaflFuQw0AiBfZEe+tlHZ88pmm4SiHQODghMDw4eDDAwOjmlpz+xnzZTcP2vmTLA4kG1vbPwZ6naQGgaGs2d8gHIgfzo4opudp20IZb04UC1yzuGbhswBBoYD9SLrxB3eBF440H/oqcOsmTf3c123d7Tlcne4vnjHgSUFfx36D5XuF1nnDbS/zOHw1wUHYvq5HNe5J+6Tbw139Hg4yWGde+eBtDQxxx1yrPaaMcmOMf2rHIyNkw8U2ioB1S0EujHfsdD2kAPXdWOgvXogd4Hiob719U2Hh1UsB1pfWzpqxugD2UcOzJr50aHQdtX+/kOujkE74hzOnllz4PpiFqB7xIH+DgTS7Q475KYeeFgl4Aj0v92SgligunkOHg+rDrwJlHHkup5sv849E+jWbQ7yrd4HvmloOAIA+JP+oVACAAA=",
        null,
        null),
    new Fixture(
        "f8_nifti2_pair",
        "hdr",
        new int[] {3, 4, 5, 1},
        64,
        233.22,
        -7.25,
        14.95,
        0,
        4.59,
        10.509999999999998,
        new double[][] {
          {0.0, 0.0, -2.5, 40.0},
          {1.5, 0.0, 0.0, -30.0},
          {0.0, 3.0, 0.0, 12.0},
          {0.0, 0.0, 0.0, 1.0}
        },
        "ASL",
        null,
        "H4sIAAAAAAACA5NhYmDIyzRi4OWS4nJgcGBgZoAAGM0CpVmhNCMBGj/4sB9C/7CH0BwOUFug9Ad7/DTcHHsGMkFaZkVJaVGqQppFfF5mWkmmUXxBYmYRA00AE5z1wJ4RjYaIu0D9bXcAQms4YDeJ5QCq+h84/A8zBwY40MzDZT52AADYpgHFHAIAAA==",
        "H4sIAAAAAAACAy1QIVACQRS90cFRdETxUBQ9EEUOlKRV7zWsmskWC8XCGAhisGiwaHIGM9l2f7CSPSMSLDCOgTNo8fbtvrC7/+3/7//3LUthQ7qhW7vtruJ6ePLitCaFdHMHY0WHE4gH7fphfE2izyhjHQf7Cn9+w+5UP36L6PMxDXU27BXh1clC53/5P0rnooQeMY+soh1bTpmwiZxq4/b8qEnQ/i6DYS2JEh+LouvyeGJC3xupMc/3oOtTOCPm5Fi1rW6DY7tjj/RnBZpP45IDThm/BVga4DitjBzRaAZ3TLBMXAT7DWOGT4v27xjd0Nc+XbyrNQWzeHxQSAnb3efMfga+ritjwHgBz/STFOom8gD/Xz29v128UW/J7CMhHOdmC00Kjzzts2L2ugzK1WfkSvmJFfAP08JRsuABAAA="),
    new Fixture(
        "i8_nifti2_be",
        "nii",
        new int[] {3, 4, 5, 1},
        1024,
        3610529496.0,
        -24689.0,
        119975671.0,
        0,
        63975503.0,
        95975599.0,
        new double[][] {
          {0.0, 0.0, -2.5, 40.0},
          {1.5, 0.0, 0.0, -30.0},
          {0.0, 3.0, 0.0, 12.0},
          {0.0, 0.0, 0.0, 1.0}
        },
        "ASL",
        "H4sIAAAAAAACA2NgYJLJ0zZi4OWS4mJhYHBggABmNJoFSrNCaUYCNAbY/wFC2/+A0A4cUBpqsv0H/DQEMCnAHIgqTjxIy6woKS1KVci0iM/LTCvJNIpPSmWgHWCyfwB1L4RmhNEOLhDxA3bQcNDAbsABaPjA1MPCD0OdHSofFr5wvgZ5HvgPBuePgz1jklwGFjymqwfm/zpwF+yZnq6pYHG5EF+weNDzP2D+k41bwIlI0jUZrG41vzRY3ObGZbC6wpwmsDizmRVYnfnJl2D+yckLweqiYyPB6vo/gn3DqLjrAFhdmF8+mP9CQh2srvLhfbC6daV9kMC1dwOrK7n0FSzONmctWN2MNHBcM535JQJWF3f4DFjd5PBqsLiqojFY3bZXr8H813WzwOpqPYLA4vxCXGBx56U7wfyr+YVg/VzMCmB1s8/cAIvrTpsAVpekZQ/mf/78HaxOo30ZWN2uwDiwuI+0GFhdw7qjYHGhilqwOnceHTD/xtUnYHVZ8+eA1c039gaLG/wF50vm1AmbwPzvUVlgdZ0qSmB1e7dfBIv7N3aC1bWIWoDFRe9Bcs3yFSvA/Ds24QCsBVChAAQAAA==",
        null,
        null),
  };

  /** RGB24 4x3x2 volume; R/G/B at voxel (1,2,1) and per-channel sums as numpy reads them. */
  static final int RGB_DATATYPE = 128;

  static final int[] RGB_AT_121 = {121, 70, 74};
  static final long[] RGB_SUMS = {3036, 2796, 2924};
  static final String RGB_AXES = "LAS";
  static final String RGB_NII =
      "H4sIAAAAAAACA4thZCAKMDOwADETAyMUooIGBgkIvR+I7XHjDc4QerAAJpj7sbgJ5BcMMXvixBgY8rQNIQx2Zqetji3J9ccE94o55ka8Xz1r7ss73uo61dfzNEU3XA/+1DqRW8XC91JZf8OWi3qfFOMWJfM8WLpL7nlGjPkMnko3r91fOv4uOgYAbUm8MagBAAA=";
}
