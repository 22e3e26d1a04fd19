/** Learning from MedLoom datasets on DJL (PyTorch engine, CPU, offline). */
package io.medloom.learn;
